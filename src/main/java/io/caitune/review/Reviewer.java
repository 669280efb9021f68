package io.caitune.review;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is reviewing: the authenticated user's name, the one place a review learns it. Before authentication is
 * configured there is no principal and reviews are recorded as {@value #ANONYMOUS}.
 */
final class Reviewer {

    static final String ANONYMOUS = "anonymous";

    private Reviewer() {
    }

    static String nameOf(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null
                || security.getUserPrincipal().getName() == null || security.getUserPrincipal().getName().isBlank()
                ? ANONYMOUS : security.getUserPrincipal().getName();
    }
}
