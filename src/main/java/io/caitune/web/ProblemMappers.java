package io.caitune.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves the API as {@code application/problem+json}. */
public class ProblemMappers {

    private static final String FORM_PARSING = "org.jboss.resteasy.reactive.server.core.multipart.";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Bad Request", 400, describe(e), path(uri), List.of()));
    }

    /** More specific than Jackson's built-in mapper, which answers 400 with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? status.getReasonPhrase() : e.getMessage();
        if (status.getStatusCode() == 404 && detail.equals(status.getReasonPhrase())) {
            detail = "Nothing is served at " + path(uri) + "; the API is described at /q/openapi";
        }
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, path(uri),
                List.of()));
    }

    /** A multipart body cut short or framed wrong fails while RESTEasy parses it, before any resource runs. */
    @ServerExceptionMapper
    public Response unreadable(IOException e, UriInfo uri) {
        StackTraceElement[] stack = e.getStackTrace();
        boolean parsingForm = stack.length > 0 && stack[0].getClassName().startsWith(FORM_PARSING);
        if (!parsingForm) {
            return unexpected(e, uri);
        }
        return respond(new Problem("about:blank", "Bad Request", 400, "The multipart body could not be read ("
                + e.getMessage() + "): check that it is complete and that its parts are framed by the boundary "
                + "named in the Content-Type", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unhandled error on %s", path(uri));
        return respond(Problem.of(500, "Internal Server Error", "The server failed to handle the request; see its log"));
    }

    /** A JSON error a person can act on: what was wrong, and where (line, column, field path). */
    public static String describe(JsonProcessingException e) {
        StringBuilder detail = new StringBuilder("Malformed JSON: ").append(e.getOriginalMessage());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail.append(" at field '").append(fieldPath(mapping)).append("'");
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            detail.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                    .append(")");
        }
        return detail.toString();
    }

    /** Where in the document a mapping failed, as the client wrote it: {@code principles[0].critique}. */
    public static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.model.temperature" -> "model.temperature": the method and parameter names mean nothing to a client
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
