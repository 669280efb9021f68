package io.caitune.pipeline;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Honours the endpoint's {@code Retry-After}, which LangChain4j's exceptions do not carry. A 429 closes the
 * {@link EndpointGate} for as long as the endpoint asked; a request that would go out before then (the provider
 * client's own immediate retry) is answered here with a local 429 instead of reaching the endpoint, and
 * {@link RunChatModel} tries again once the gate opens. A 503 with Retry-After holds the endpoint the same way. Every
 * response frees the call's endpoint slot on arrival and tells the adaptive limit how it went; an error response's
 * status and (redacted) body are kept on the slot, so the failure says what the endpoint said.
 */
@Provider
public class ProviderResponseFilter implements ClientRequestFilter, ClientResponseFilter {

    static final String LOCAL_HOLD = "X-Cai-Gate";
    /**
     * What the provider client sees instead of a busy answer (429, 502/503/504) or a local hold: a status its own
     * retry leaves alone. That retry sleeps a second per failure (LangChain4j's fixed policy, at least one retry);
     * busy answers are retried by {@link RunChatModel} instead, with the real status kept on the slot.
     */
    static final int HANDLED_HERE = 400;
    private static final String SLOT = ProviderResponseFilter.class.getName() + ".slot";

    private static final int MAX_BODY = 8192;

    private final EndpointGate gate;
    private final Redactor redactor;

    public ProviderResponseFilter(EndpointGate gate, Redactor redactor) {
        this.gate = gate;
        this.redactor = redactor;
    }

    @Override
    public void filter(ClientRequestContext request) {
        EndpointGate.Slot slot = gate.current();
        Duration hold = gate.holdRemaining();
        if (!hold.isZero()) {
            // answered here, as a failure the provider client does not retry by itself; the slot says what it was
            if (slot != null) {
                slot.failed(429, "the endpoint asked to retry later (Retry-After); held locally");
            }
            request.abortWith(Response.status(HANDLED_HERE).header(LOCAL_HOLD, "hold")
                    .entity("{\"error\":\"held locally: the endpoint asked to retry later\"}").build());
            return;
        }
        // request filters run on the calling thread, response filters on the I/O thread: the slot travels along
        if (slot != null) {
            slot.retake();
            request.setProperty(SLOT, slot);
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getHeaderString(LOCAL_HOLD) != null) {
            return;
        }
        int status = response.getStatus();
        EndpointGate.Slot slot = request.getProperty(SLOT) instanceof EndpointGate.Slot s ? s : null;
        Duration retryAfter = retryAfter(response.getHeaderString("Retry-After"));
        if (status == 429) {
            gate.rateLimited(retryAfter);
        } else if (status >= 500) {
            if (status == 503 && retryAfter != null) {
                gate.rateLimited(retryAfter);
            }
            gate.failed(status);
        }
        if (slot == null) {
            return;
        }
        if (status >= 400) {
            slot.failed(status, ModelCallFailures.bodyText(body(response), redactor));
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            response.setStatus(HANDLED_HERE);
        }
        // the endpoint is done with this attempt: a retry of the provider client takes a slot again
        slot.release(status < 300 ? EndpointGate.Outcome.SUCCESS
                : status == 429 ? EndpointGate.Outcome.DROPPED
                : status == 502 || status == 503 || status == 504 ? EndpointGate.Outcome.SERVER_ERROR
                : EndpointGate.Outcome.IGNORE);
    }

    /** Reads an error body and puts it back for the client, which maps it to its own exception. */
    private static String body(ClientResponseContext response) {
        if (!response.hasEntity()) {
            return null;
        }
        try (InputStream in = response.getEntityStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY);
            response.setEntityStream(new ByteArrayInputStream(bytes));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(Instant.now(), at);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
