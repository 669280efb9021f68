package io.caitune.pipeline;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads what LangChain4j's exceptions do not carry: the {@code Retry-After} of a 429, so that every call to the
 * endpoint waits as long as it asked. Registered for the provider's REST client.
 */
@Provider
public class ProviderResponseFilter implements ClientResponseFilter {

    private final EndpointGate gate;

    public ProviderResponseFilter(EndpointGate gate) {
        this.gate = gate;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        int status = response.getStatus();
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
