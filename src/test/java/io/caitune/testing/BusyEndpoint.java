package io.caitune.testing;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Makes a stub behave like a provider on a busy day, for the stubs that name it ({@code withTransformers(NAME)}):
 * a request beyond {@code cap} in flight is answered 429 with {@code Retry-After} at once, every
 * {@code errorEvery}-th accepted request 503, and the others the stub's own reply after {@code latencyMs}. Counts
 * what it answered, for the test to check.
 */
public final class BusyEndpoint implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "busy-endpoint";
    public static final BusyEndpoint INSTANCE = new BusyEndpoint();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    private BusyEndpoint() {
    }

    public static Parameters settings(int cap, int latencyMs, int errorEvery, String retryAfter) {
        return Parameters.from(java.util.Map.of("cap", cap, "latencyMs", latencyMs, "errorEvery", errorEvery,
                "retryAfter", retryAfter));
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Parameters p = event.getTransformerParameters();
        int cap = p.getInt("cap");
        int now = inFlight.incrementAndGet();
        try {
            if (now > cap) {
                rateLimited.incrementAndGet();
                return responseDefinition().withStatus(429).withHeader("Retry-After", p.getString("retryAfter"))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Rate limit reached: too many requests in flight\"}").build();
            }
            peak.accumulateAndGet(now, Math::max);
            int errorEvery = p.getInt("errorEvery");
            if (errorEvery > 0 && accepted.incrementAndGet() % errorEvery == 0) {
                unavailable.incrementAndGet();
                return responseDefinition().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Service temporarily unavailable\"}").build();
            }
            sleep(p.getInt("latencyMs"));
            answered.incrementAndGet();
            return event.getResponseDefinition();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    public void reset() {
        accepted.set(0);
        rateLimited.set(0);
        unavailable.set(0);
        answered.set(0);
        peak.set(0);
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    public int unavailable() {
        return unavailable.get();
    }

    public int answered() {
        return answered.get();
    }

    /** Most requests the endpoint accepted at once. */
    public int peakAccepted() {
        return peak.get();
    }
}
