package io.caitune.security;

import io.caitune.web.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses state-changing requests a browser sends on behalf of another site (CSRF): the browser attaches cached
 * Basic credentials to them, and multipart uploads or body-less POSTs need no CORS preflight. Browsers mark such
 * requests with {@code Sec-Fetch-Site} and {@code Origin}; a request that carries neither (curl, scripts, server
 * clients) is not a browser's and passes. Origins listed in {@code quarkus.http.cors.origins} are trusted too.
 * Bodies are restricted to JSON, CSV, JSONL or multipart by each endpoint's {@code @Consumes}.
 */
public class SameOriginWrites {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    private final List<String> trustedOrigins;

    public SameOriginWrites(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.trustedOrigins = origins.orElse(List.of()).stream().map(SameOriginWrites::normalize).toList();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseCrossSiteWrites(HttpServerRequest request) {
        if (SAFE_METHODS.contains(request.method().name())) {
            return Optional.empty();
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String normalized = normalize(origin);
            if (normalized.equals(ownOrigin(request)) || trustedOrigins.contains(normalized)) {
                return Optional.empty();
            }
            return refuse("Origin " + origin + " may not change anything here");
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !SAME_SITE_FETCHES.contains(site.toLowerCase(Locale.ROOT))) {
            return refuse("A " + site + " request may not change anything here");
        }
        return Optional.empty();
    }

    private static String ownOrigin(HttpServerRequest request) {
        var authority = request.authority(); // after forwarded headers when quarkus.http.proxy.* allows them
        String host = authority == null ? request.getHeader("Host")
                : authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
        return normalize(request.scheme() + "://" + host);
    }

    /** Origins compare without a trailing slash, case-insensitively, and without the scheme's default port. */
    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o;
    }

    private static Optional<Response> refuse(String detail) {
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Cross-site request refused", detail + " (cross-site writes are refused; "
                        + "list trusted origins in CAI_CORS_ORIGINS)"))
                .build());
    }
}
