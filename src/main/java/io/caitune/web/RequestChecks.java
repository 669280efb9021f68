package io.caitune.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a matched request before its parameters are converted, so a bad value is a 400 that names the parameter
 * (JAX-RS answers 404 for an unconvertible query or path parameter, which reads as "no such thing"), and a body in a
 * charset the endpoint cannot decode is a 415 instead of garbage.
 */
public class RequestChecks {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** What Jackson reads from bytes: it detects these encodings itself (RFC 8259 JSON is UTF-8). */
    private static final Set<String> JSON_CHARSETS = Set.of("UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32",
            "UTF-32BE", "UTF-32LE");
    /** Bodies the resource decodes itself, honouring the declared charset. */
    private static final Set<Class<?>> RAW_BODIES = Set.of(String.class, InputStream.class, Reader.class,
            byte[].class);
    private static final List<Class<? extends Annotation>> NOT_BODY = List.of(RestQuery.class, QueryParam.class,
            RestPath.class, PathParam.class, RestForm.class, FormParam.class, RestHeader.class, HeaderParam.class,
            RestCookie.class, CookieParam.class, Context.class, jakarta.ws.rs.BeanParam.class);

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        MultivaluedMap<String, String> queryParameters;
        MultivaluedMap<String, String> pathParameters;
        try {
            queryParameters = request.getUriInfo().getQueryParameters();
            pathParameters = request.getUriInfo().getPathParameters();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The URL is malformed (bad percent-encoding?): " + e.getMessage());
        }
        for (Parameter parameter : method.getParameters()) {
            String query = name(parameter, parameter.getAnnotation(RestQuery.class) != null
                    ? parameter.getAnnotation(RestQuery.class).value()
                    : parameter.getAnnotation(QueryParam.class) != null ? parameter.getAnnotation(QueryParam.class).value()
                    : null);
            String path = name(parameter, parameter.getAnnotation(RestPath.class) != null
                    ? parameter.getAnnotation(RestPath.class).value()
                    : parameter.getAnnotation(PathParam.class) != null ? parameter.getAnnotation(PathParam.class).value()
                    : null);
            if (query != null) {
                checkValues("Query parameter", query, parameter.getType(),
                        queryParameters.get(query));
            } else if (path != null) {
                checkValues("Path parameter", path, parameter.getType(),
                        pathParameters.get(path));
            }
        }
        checkNul(queryParameters);
        checkCharset(request, method);
    }

    private static String name(Parameter parameter, String declared) {
        if (declared == null) {
            return null;
        }
        return declared.isEmpty() ? parameter.getName() : declared;
    }

    private static void checkValues(String kind, String name, Class<?> type, List<String> values) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            String problem = problem(type, value);
            if (problem != null) {
                throw ProblemException.badRequest(kind + " '" + name + "' " + problem + ", got '" + shown(value) + "'");
            }
        }
    }

    /** Why {@code value} is not a {@code type}, or null when it is. */
    private static String problem(Class<?> type, String value) {
        if (value.indexOf('\u0000') >= 0) {
            return "must not contain NUL characters (U+0000)";
        }
        if (type == int.class || type == Integer.class) {
            return fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null
                    : "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return fits(value, Long.MIN_VALUE, Long.MAX_VALUE) ? null : "must be a whole number (64-bit)";
        }
        if (type == java.util.UUID.class) {
            return UUID_TEXT.matcher(value).matches() ? null
                    : "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000";
        }
        if (type.isEnum()) {
            boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value));
            return known ? null : "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        return null;
    }

    private static boolean fits(String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkNul(MultivaluedMap<String, String> query) {
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (entry.getKey().indexOf('\u0000') >= 0
                    || entry.getValue().stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                throw ProblemException.badRequest("Query parameter '" + shown(entry.getKey())
                        + "' must not contain NUL characters (U+0000)");
            }
        }
    }

    private static void checkCharset(ContainerRequestContext request, Method method) {
        String contentType = request.getHeaderString("Content-Type");
        if (contentType == null) {
            if (takesBody(method) && hasBody(request)) {
                // guessing the format of an unlabelled body is how garbage gets stored
                throw new ProblemException(415, "Unsupported Media Type", "The request has a body but no "
                        + "Content-Type; send it as application/json" + (takesRawBody(method)
                                ? " (or the type of the file, such as text/csv)" : ""));
            }
            return;
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(415, "Unsupported Media Type", "Malformed Content-Type '" + shown(contentType)
                    + "'");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null) {
            return;
        }
        Charset declared = charset(charset);
        if (declared == null) {
            throw new ProblemException(415, "Unsupported Media Type", "charset '" + shown(charset)
                    + "' is not supported; send UTF-8");
        }
        if (bindsJson(method) && !JSON_CHARSETS.contains(declared.name().toUpperCase(Locale.ROOT))) {
            throw new ProblemException(415, "Unsupported Media Type", "JSON bodies must be UTF-8 (or UTF-16/32), "
                    + "not charset=" + shown(charset));
        }
    }

    static Charset charset(String name) {
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return null;
        }
    }

    /** Whether the method's body is bound by Jackson from bytes (rather than decoded by the resource). */
    private static boolean bindsJson(Method method) {
        Parameter body = body(method);
        return body != null && !RAW_BODIES.contains(body.getType());
    }

    private static boolean takesBody(Method method) {
        return body(method) != null || Arrays.stream(method.getParameters())
                .anyMatch(p -> p.isAnnotationPresent(RestForm.class) || p.isAnnotationPresent(FormParam.class));
    }

    private static boolean takesRawBody(Method method) {
        Parameter body = body(method);
        return body != null && RAW_BODIES.contains(body.getType());
    }

    private static Parameter body(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (NOT_BODY.stream().noneMatch(parameter::isAnnotationPresent)
                    && !parameter.getType().getName().startsWith("jakarta.ws.rs.")) {
                return parameter;
            }
        }
        return null;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        return request.getHeaderString("Transfer-Encoding") != null
                || (length != null && !length.strip().equals("0"));
    }

    /** A value as it may be echoed back: bounded, with control characters escaped. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 80 ? out + "..." : out.toString();
    }
}
