package io.caitune.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** The responses of the create endpoints: the new resource under the request's own path, named in Location. */
public final class Responses {

    private Responses() {
    }

    /** 201 Created: the resource exists now. */
    public static Response created(UriInfo uri, UUID id, Object body) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(body).build();
    }

    /** 202 Accepted: the work is queued and runs in the background; Location is where to follow it. */
    public static Response accepted(UriInfo uri, UUID id, Object body) {
        return Response.accepted(body).location(uri.getAbsolutePathBuilder().path(id.toString()).build()).build();
    }
}
