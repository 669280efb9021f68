package io.caitune.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Problem JSON for the answers the HTTP layer gives before any resource runs: a body over
 * {@code quarkus.http.limits.max-body-size} (Vert.x answers 413 with an empty body) and a URL it cannot decode (400).
 */
@ApplicationScoped
public class HttpLayerProblems {

    /** Before Quarkus's own body-size check (order -2), which would end the response without a body. */
    private static final int BEFORE_BODY_LIMIT = -3;

    private final ObjectMapper mapper;
    private final Optional<MemorySize> maxBodySize;

    public HttpLayerProblems(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_BODY_LIMIT).handler(this::screen);
        router.route().order(BEFORE_BODY_LIMIT).failureHandler(this::failed);
        // what no route handled: an unknown path, or a URL the router could not even match (bad escapes)
        for (int status : new int[] { 400, 404, 405, 406, 413, 415 }) {
            router.errorHandler(status, this::failed);
        }
    }

    private void screen(RoutingContext ctx) {
        String undecodable = undecodable(ctx.request().uri());
        if (undecodable != null) {
            // otherwise the static-resource handler or the REST layer answers 400 with an empty body
            send(ctx, malformedUrl(undecodable));
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        if (length != null && isOver(length, limit)) {
            // the rest of the body is not read: close the connection once the answer is out
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(ctx, Problem.of(413, "Content Too Large", "The request body (" + length.strip()
                    + " bytes) is larger than the server's limit of " + limit
                    + " bytes (quarkus.http.limits.max-body-size)"));
            return;
        }
        ctx.next();
    }

    /**
     * Why the request target is not a URI (a bad percent-escape, a space, a character URIs do not allow), or null when
     * it is one. Quarkus makes the same check before routing and answers 400 with an empty body; {@code io.caitune.ServiceMain}
     * turns that check off so this one answers instead.
     */
    private static String undecodable(String uri) {
        if (uri == null) {
            return "there is no request target";
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return e.getReason() + (e.getIndex() >= 0 ? " at character " + e.getIndex() : "")
                    + " of '" + RequestChecks.shown(uri) + "'";
        }
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return "bad escape at character " + i;
            }
        }
        return null;
    }

    private static Problem malformedUrl(String why) {
        return Problem.of(400, "Bad Request", "The URL is malformed: " + why
                + ". Percent-encode it: a '%' is followed by two hexadecimal digits (a literal '%' is %25)");
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed Content-Length itself
        }
    }

    /** Failures the HTTP layer raised with a status of its own (a resource's errors are mapped by ProblemMappers). */
    private void failed(RoutingContext ctx) {
        String undecodable = ctx.response().headWritten() ? null : undecodable(ctx.request().uri());
        if (undecodable != null) {
            // a handler that runs before screen() (the authentication policy matching paths) failed to decode it
            send(ctx, malformedUrl(undecodable));
            return;
        }
        int status = ctx.statusCode();
        if (ctx.response().headWritten() || status < 400 || status >= 500) {
            ctx.next();
            return;
        }
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        String detail = switch (status) {
            case 400 -> "The request could not be read: " + (ctx.failure() != null && ctx.failure().getMessage() != null
                    ? ctx.failure().getMessage() : "malformed URL or headers (check the percent-encoding)");
            case 404 -> "Nothing is served at " + RequestChecks.shown(ctx.request().path() == null ? ""
                    : ctx.request().path()) + "; the API is described at /q/openapi";
            case 413 -> "The request body is larger than the server's limit (quarkus.http.limits.max-body-size)";
            default -> reason;
        };
        send(ctx, new Problem("about:blank", reason, status, detail, null, List.of()));
    }

    private void send(RoutingContext ctx, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
