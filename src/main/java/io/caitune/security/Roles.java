package io.caitune.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service's three roles, each including the ones below it: an {@code admin} may do what an {@code operator}
 * may, an {@code operator} what a {@code viewer} may. Endpoints name the least role they need.
 */
public final class Roles {

    /** Reads everything: lists, samples, exports, progress events, evaluations, models, training jobs. */
    public static final String VIEWER = "viewer";
    /** Also creates and controls constitutions, datasets, runs and evaluations (spends model calls). */
    public static final String OPERATOR = "operator";
    /** Also registers models and starts or cancels training jobs (spends GPUs, reads server directories). */
    public static final String ADMIN = "admin";

    /** Highest first: a role implies every role after it. */
    static final List<String> HIERARCHY = List.of(ADMIN, OPERATOR, VIEWER);

    private Roles() {
    }

    /** The given roles plus every role they imply; roles outside the hierarchy are kept as they are. */
    public static Set<String> withImplied(Set<String> roles) {
        Set<String> all = new LinkedHashSet<>(roles);
        for (int i = 0; i < HIERARCHY.size(); i++) {
            if (roles.contains(HIERARCHY.get(i))) {
                all.addAll(HIERARCHY.subList(i, HIERARCHY.size()));
                break;
            }
        }
        return all;
    }
}
