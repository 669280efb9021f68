package io.caitune.web;

import jakarta.ws.rs.core.Response;

/** A client error that should reach the caller as problem JSON with a readable detail. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(Response.Status status, String detail) {
        this(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Response.Status.NOT_FOUND, what + " " + id + " does not exist");
    }

    /** The entity that was looked up, or a 404 problem naming what was asked for: the one find-or-404. */
    public static <T> T found(T entity, String what, Object id) {
        if (entity == null) {
            throw notFound(what, id);
        }
        return entity;
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
