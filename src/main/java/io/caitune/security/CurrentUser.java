package io.caitune.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, for audit fields ({@code createdBy}, {@code cancelledBy}, ...). */
public final class CurrentUser {

    private CurrentUser() {
    }

    /**
     * The authenticated caller's name; null for work the service does on its own (start-up, schedulers, workers),
     * which runs outside any request.
     */
    public static String name() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        var association = container.instance(CurrentIdentityAssociation.class);
        if (!association.isAvailable()) {
            return null;
        }
        SecurityIdentity identity = association.get().getIdentity();
        return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
