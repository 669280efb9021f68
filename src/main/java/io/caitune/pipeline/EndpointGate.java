package io.caitune.pipeline;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.caitune.config.CaiConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every call to the model endpoint passes through in this process: an adaptive concurrency limit (it starts at
 * {@code cai.pipeline.concurrency}, backs off on 429s, timeouts and runs of 5xx, grows back while calls succeed:
 * {@link EndpointLimit}), a pause while the endpoint has asked us to back off (Retry-After), optional requests- and
 * tokens-per-minute limits, and the in-flight and limit gauges. The service talks to one endpoint (the configured
 * base URL), so this process-wide gate is the per-endpoint limit.
 */
@ApplicationScoped
public class EndpointGate {

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    private final Bucket requests;
    private final Bucket tokens;
    private final Duration defaultPause;
    private final AtomicLong blockedUntil = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final EndpointLimit limit;
    private final Limiter<Void> slots;
    private final MeterRegistry registry;
    private final Timer held;
    private final AtomicInteger lastLoggedLimit;

    public EndpointGate(CaiConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.defaultPause = config.endpoint().rateLimitPause();
        int initial = config.pipeline().concurrency();
        this.limit = new EndpointLimit(initial, config.endpoint().minConcurrency(),
                config.endpoint().maxConcurrency().orElse(initial), config.endpoint().backoffRatio(),
                config.endpoint().probeInterval());
        this.slots = BlockingLimiter.wrap(SimpleLimiter.newBuilder().named("model-endpoint").limit(limit).build(),
                Duration.ofMinutes(10)); // a waiting call asks again after this (the library caps it at an hour)
        this.lastLoggedLimit = new AtomicInteger(initial);
        limit.notifyOnChange(this::limitChanged);
        Gauge.builder("cai.model.concurrency.limit", limit, EndpointLimit::getLimit)
                .description("Model calls this process lets be in flight now (adaptive)").register(registry);
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
        Slot slot = new Slot(take());
        CURRENT.set(slot);
        return slot;
    }

    private Limiter.Listener take() throws InterruptedException {
        Optional<Limiter.Listener> listener;
        do {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            listener = slots.acquire(null);
        } while (listener.isEmpty());
        inFlight.incrementAndGet();
        return listener.get();
    }

    /** The current adaptive limit. */
    public int limit() {
        return limit.getLimit();
    }

    private void limitChanged(int now) {
        Log.debugf("Model endpoint concurrency limit: %d", now);
        int logged = lastLoggedLimit.get();
        // a line per doubling or halving: enough to follow the endpoint, not one per step
        if ((now >= 2 * logged || 2 * now <= logged) && lastLoggedLimit.compareAndSet(logged, now)) {
            Log.infof("Model endpoint concurrency limit %s from %d to %d calls in flight",
                    now > logged ? "raised" : "lowered", logged, now);
        }
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

    /** How an attempt ended, as the concurrency limit counts it. */
    enum Outcome {
        /** An answer arrived. */
        SUCCESS,
        /** Overload: a 429 or a timeout. */
        DROPPED,
        /** A 502/503/504 or a reset connection: overload only when most calls end so. */
        SERVER_ERROR,
        /** Says nothing about the endpoint's load (a 4xx, a local hold, a stop). */
        IGNORE
    }

    /** What the endpoint answered to a failed attempt: status and (redacted) message. */
    record Failure(int status, String message) {
    }

    /**
     * One call's hold on an endpoint slot. Each attempt holds a permit of the limiter, given back once with its
     * outcome: when its response arrives or when the call ends.
     */
    final class Slot {
        private long grantedAt;
        private Limiter.Listener permit;
        private volatile Failure lastFailure;

        private Slot(Limiter.Listener permit) {
            this.permit = permit;
            this.grantedAt = System.nanoTime();
        }

        void release() {
            release(Outcome.SUCCESS);
        }

        /** Gives the permit back (once) and tells the limit how the attempt ended. */
        void release(Outcome outcome) {
            Limiter.Listener given;
            long started;
            synchronized (this) {
                given = permit;
                started = grantedAt;
                permit = null;
            }
            if (given == null) {
                return;
            }
            inFlight.decrementAndGet();
            long rtt = System.nanoTime() - started;
            switch (outcome) {
                case SUCCESS -> given.onSuccess();
                case DROPPED -> given.onDropped();
                case SERVER_ERROR -> {
                    given.onIgnore();
                    limit.serverError(started, rtt, inFlight.get() + 1);
                }
                case IGNORE -> given.onIgnore();
            }
            held.record(rtt, TimeUnit.NANOSECONDS);
        }

        /**
         * Before a request goes out on the calling thread: an attempt after a response that already freed the slot
         * (the provider client retrying) takes a permit again, so the limit holds.
         */
        void retake() {
            synchronized (this) {
                if (permit != null) {
                    return;
                }
            }
            Limiter.Listener again;
            try {
                again = take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while waiting for the endpoint");
            }
            synchronized (this) {
                permit = again;
                grantedAt = System.nanoTime();
            }
        }

        void failed(int status, String message) {
            lastFailure = new Failure(status, message);
        }

        /** The endpoint's answer to the last failed attempt of this call, if one came. */
        Failure lastFailure() {
            return lastFailure;
        }

        /** Ends the call on its own thread: frees the slot if the response did not already. */
        void close() {
            close(Outcome.IGNORE);
        }

        void close(Outcome outcome) {
            release(outcome);
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
