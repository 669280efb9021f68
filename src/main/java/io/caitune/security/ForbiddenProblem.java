package io.caitune.security;

import io.caitune.web.Problem;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A role too small for an endpoint: 403 problem JSON like every other refusal (401 keeps Quarkus' challenge). */
public class ForbiddenProblem {

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(Response.Status.FORBIDDEN).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Forbidden", 403, "Your role does not allow this; roles are "
                        + "viewer (read), operator (create and control constitutions, datasets, runs, evaluations) "
                        + "and admin (models, training jobs)", "/" + uri.getPath().replaceFirst("^/", ""), null))
                .build();
    }
}
