package io.caitune.pipeline;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The endpoint's concurrency limit: Netflix concurrency-limits' AIMD decides the new limit (multiplicative decrease,
 * +1 increase), and this class decides when it is asked. An endpoint that holds every caller for its Retry-After on
 * a 429 makes each probe above its capacity cost a whole pause, so the limit grows only after
 * {@code cai.endpoint.probe-interval} without overload; and one overload (a burst of 429s answering one burst of
 * calls) lowers it once, not once per rejected call. A 429 or a timeout is overload; 502/503/504 and reset
 * connections are overload only when they are most of the calls since the last change (a few random 503s are not).
 * A probe that fails again at the level where the last overload happened waits twice as long before the next one (up
 * to {@value #MAX_PROBE_BACKOFF} probe intervals), so an endpoint with a steady capacity costs a pause now and then,
 * not one per interval; a probe that succeeds there resets the wait.
 */
final class EndpointLimit implements Limit {

    /** Calls answered within this of a decrease belong to the overload that caused it. */
    private static final long DECREASE_SPACING = TimeUnit.SECONDS.toNanos(1);
    private static final int MIN_SAMPLES_FOR_ERROR_RATIO = 4;
    private static final int MAX_PROBE_BACKOFF = 12;

    private final AIMDLimit aimd;
    private final long probeNanos;
    private long windowStart = System.nanoTime();
    private long lastDecrease = Long.MIN_VALUE / 2;
    private int samples;
    private int serverErrors;
    private int maxInFlight;
    private boolean dropped;
    /** The limit at which the last overload happened, and how many probe intervals a probe back to it waits. */
    private int overloadLimit = Integer.MAX_VALUE;
    private int probeBackoff = 1;

    EndpointLimit(int initial, int min, int max, double backoffRatio, Duration probeInterval) {
        this.aimd = AIMDLimit.newBuilder().initialLimit(initial).minLimit(Math.min(min, initial))
                .maxLimit(Math.max(max, initial)).backoffRatio(backoffRatio)
                // model calls take seconds to minutes: slowness is the provider timeout's business, not a drop
                .timeout(1, TimeUnit.DAYS).build();
        this.probeNanos = probeInterval.toNanos();
    }

    @Override
    public int getLimit() {
        return aimd.getLimit();
    }

    @Override
    public void notifyOnChange(Consumer<Integer> consumer) {
        aimd.notifyOnChange(consumer);
    }

    /** A call that ended: with an answer, or dropped (429, timeout). Called by the limiter's listener. */
    @Override
    public synchronized void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
        samples++;
        maxInFlight = Math.max(maxInFlight, inflight);
        dropped |= didDrop;
        decide(startTime, rtt);
    }

    /** A 502/503/504 or a reset connection: overload only when such answers dominate. */
    synchronized void serverError(long startTime, long rtt, int inflight) {
        serverErrors++;
        onSample(startTime, rtt, inflight, false);
    }

    private void decide(long startTime, long rtt) {
        long now = System.nanoTime();
        boolean overload = dropped || (samples >= MIN_SAMPLES_FOR_ERROR_RATIO && serverErrors * 2 > samples);
        if (overload) {
            if (now - lastDecrease >= DECREASE_SPACING) {
                int at = aimd.getLimit();
                probeBackoff = at == overloadLimit ? Math.min(probeBackoff * 2, MAX_PROBE_BACKOFF) : 1;
                overloadLimit = at;
                aimd.onSample(startTime, rtt, maxInFlight, true);
                lastDecrease = now;
            }
            reset(now);
        } else if (now - windowStart >= probeWait() && samples > 0) {
            if (aimd.getLimit() >= overloadLimit) {
                // a probe at the level that failed last held: the endpoint has room again
                probeBackoff = 1;
                overloadLimit = Integer.MAX_VALUE;
            }
            // AIMD grows only when the window used at least half of the limit
            aimd.onSample(startTime, rtt, maxInFlight, false);
            reset(now);
        }
    }

    /** The next increase goes back to where the last overload happened: it waits the backed-off interval. */
    private long probeWait() {
        return aimd.getLimit() + 1 >= overloadLimit ? probeNanos * probeBackoff : probeNanos;
    }

    private void reset(long now) {
        windowStart = now;
        samples = 0;
        serverErrors = 0;
        maxInFlight = 0;
        dropped = false;
    }
}
