package io.caitune.pipeline;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * Turns whatever a failed model call threw into a {@link ModelCallException} of the right kind, with the status and
 * the endpoint's own (redacted) message: busy (retried until the stage budget is spent), refused (never retried),
 * an authentication failure (pauses the run), or anything else (a few more tries).
 */
final class ModelCallFailures {

    private static final int MAX_MESSAGE = 500;

    private ModelCallFailures() {
    }

    static RuntimeException classify(RuntimeException e, EndpointGate.Failure answered, Redactor redactor) {
        if (e instanceof ModelCallException || e instanceof CancellationException) {
            return e;
        }
        if (noResponse(e)) {
            // a timeout or a dropped connection: nothing the endpoint said, only what happened
            return new EndpointBusyException(0, "No answer from the model endpoint: " + redactor.redact(text(e)), e);
        }
        int status = answered != null ? answered.status() : status(e);
        String detail = answered != null ? answered.message() : redactor.redact(text(e));
        String message = ModelCallException.describe(status, detail);
        if (status == 429 || status == 502 || status == 503 || status == 504 || status == 408) {
            return new EndpointBusyException(status, message, e);
        }
        if (status == 401 || status == 403) {
            return new EndpointAuthException(status, message, e);
        }
        if (status >= 400 && status < 500) {
            return new ModelCallRefusedException(status, message, e);
        }
        return new ModelCallException(status, message, e);
    }

    /** Shortens and redacts an error body for storage and logs. */
    static String bodyText(String body, Redactor redactor) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String compact = body.strip().replaceAll("\\s+", " ");
        // redact before cutting, so a cut cannot leave half a token behind
        String safe = redactor.redact(compact);
        return safe.length() > MAX_MESSAGE ? safe.substring(0, MAX_MESSAGE) + "…" : safe;
    }

    private static boolean noResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof TimeoutException || name.contains("Timeout") || name.equals("HttpClosedException")
                    || name.equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                return web.getResponse().getStatus();
            }
            if (t instanceof RateLimitException) {
                return 429;
            }
            if (t instanceof AuthenticationException) {
                return 401;
            }
            if (t instanceof ModelNotFoundException) {
                return 404;
            }
            if (t instanceof InvalidRequestException) {
                return 400;
            }
            if (t instanceof InternalServerException) {
                return 500;
            }
        }
        return 0;
    }

    private static String text(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
