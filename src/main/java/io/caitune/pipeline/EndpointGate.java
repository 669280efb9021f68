package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every call to the model endpoint passes through in this process: at most {@code cai.pipeline.concurrency}
 * calls in flight, a pause while the endpoint has asked us to back off (429 with Retry-After), optional requests-
 * and tokens-per-minute limits, and the in-flight gauge.
 */
@ApplicationScoped
public class EndpointGate {

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    private final Bucket requests;
    private final Bucket tokens;
    private final Duration defaultPause;
    private final AtomicLong blockedUntil = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore slots;
    private final MeterRegistry registry;
    private final Timer held;

    public EndpointGate(CaiConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.defaultPause = config.endpoint().rateLimitPause();
        this.slots = new Semaphore(config.pipeline().concurrency());
        this.requests = config.endpoint().requestsPerMinute().stream()
                .mapToObj(rpm -> Bucket.builder().addLimit(perMinute(rpm)).build()).findFirst().orElse(null);
        this.tokens = config.endpoint().tokensPerMinute().stream()
                .mapToObj(tpm -> Bucket.builder().addLimit(perMinute(tpm)).build()).findFirst().orElse(null);
        Gauge.builder("cai.model.calls.in-flight", inFlight, AtomicInteger::get)
                .description("Model calls in flight from this process").register(registry);
        // slot time per call beyond the endpoint's own latency is what keeps a capped endpoint below its capacity
        this.held = Timer.builder("cai.model.calls.slot-held")
                .description("How long each model call held one of the endpoint's concurrency slots").register(registry);
    }

    /**
     * Blocks until a call may go out. The slot it returns is the calling thread's until the call ends; the provider
     * client's filter frees it as soon as a successful response arrives ({@link #current()}), so the slot counts
     * what the endpoint counts, not the parsing that follows.
     */
    Slot acquire() throws InterruptedException {
        Duration hold;
        while (!(hold = holdRemaining()).isZero()) {
            TimeUnit.NANOSECONDS.sleep(hold.toNanos());
        }
        if (requests != null) {
            requests.asBlocking().consume(1);
        }
        if (tokens != null) {
            // tokens are paid after the call (their count is known then); wait while the budget is overdrawn
            while (tokens.getAvailableTokens() <= 0) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        // the endpoint's concurrency cap: workers outnumber it, so a slot freed by a finished call is taken at once
        // by a worker that was storing its previous result meanwhile
        slots.acquire();
        inFlight.incrementAndGet();
        Slot slot = new Slot(System.nanoTime());
        CURRENT.set(slot);
        return slot;
    }

    /** The slot of the call the current thread is making, if any. */
    Slot current() {
        return CURRENT.get();
    }

    /** Tokens a finished call used, charged to the tokens-per-minute budget. */
    void consumed(long tokensUsed) {
        if (tokens != null && tokensUsed > 0) {
            tokens.consumeIgnoringRateLimits(tokensUsed);
        }
    }

    /** One call's hold on an endpoint slot, given back once: when its response arrives or when the call ends. */
    final class Slot {
        private final long grantedAt;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(long grantedAt) {
            this.grantedAt = grantedAt;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                slots.release();
                held.record(System.nanoTime() - grantedAt, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * Before a request goes out on the calling thread: an attempt after a response that already freed the slot
         * (the provider client retrying a reply it could not read) takes a slot again, so the cap holds.
         */
        void retake() {
            if (released.get()) {
                slots.acquireUninterruptibly();
                inFlight.incrementAndGet();
                released.set(false);
            }
        }

        /** Ends the call on its own thread: frees the slot if the response did not already. */
        void close() {
            release();
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    /** How long calls must still wait after the endpoint's last 429; zero when they may go. */
    Duration holdRemaining() {
        long left = blockedUntil.get() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** The endpoint answered 429: hold every call until it said, or for the configured pause. */
    public void rateLimited(Duration retryAfter) {
        Duration pause = retryAfter != null ? retryAfter : defaultPause;
        if (!pause.isZero() && !pause.isNegative()) {
            long until = System.nanoTime() + pause.toNanos();
            blockedUntil.accumulateAndGet(until, Math::max);
        }
        count(429);
    }

    public void failed(int status) {
        count(status);
    }

    private void count(int status) {
        Counter.builder("cai.model.errors").description("Error responses from the model endpoint")
                .tag("status", String.valueOf(status)).register(registry).increment();
    }

    private static Bandwidth perMinute(long amount) {
        return Bandwidth.builder().capacity(amount).refillGreedy(amount, Duration.ofMinutes(1)).build();
    }
}
