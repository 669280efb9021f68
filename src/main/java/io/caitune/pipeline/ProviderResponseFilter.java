package io.caitune.pipeline;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Honours the endpoint's {@code Retry-After}, which LangChain4j's exceptions do not carry. A 429 closes the
 * {@link EndpointGate} for as long as the endpoint asked; a request that would go out before then (the provider
 * client's own immediate retry) is answered here with a local 429 instead of reaching the endpoint, and
 * {@code @Retry} tries again once the gate opens. A successful response frees the call's endpoint slot on arrival.
 */
@Provider
public class ProviderResponseFilter implements ClientRequestFilter, ClientResponseFilter {

    static final String LOCAL_HOLD = "X-Cai-Gate";
    private static final String SLOT = ProviderResponseFilter.class.getName() + ".slot";

    private final EndpointGate gate;

    public ProviderResponseFilter(EndpointGate gate) {
        this.gate = gate;
    }

    @Override
    public void filter(ClientRequestContext request) {
        Duration hold = gate.holdRemaining();
        if (!hold.isZero()) {
            request.abortWith(Response.status(429).header(LOCAL_HOLD, "hold")
                    .header("Retry-After", Math.max(1, hold.toSeconds()))
                    .entity("{\"error\":\"held locally: the endpoint asked to retry later\"}").build());
            return;
        }
        // request filters run on the calling thread, response filters on the I/O thread: the slot travels along
        EndpointGate.Slot slot = gate.current();
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
        if (status < 300 && request.getProperty(SLOT) instanceof EndpointGate.Slot slot) {
            // the endpoint is done with this call; a failed one keeps its slot for the provider client's own retry
            slot.release();
        }
        if (status == 429) {
            gate.rateLimited(retryAfter(response.getHeaderString("Retry-After")));
        } else if (status >= 500) {
            gate.failed(status);
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
