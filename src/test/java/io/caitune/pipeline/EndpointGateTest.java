package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint limits: requests and tokens per minute, Retry-After holds, and reading Retry-After headers. */
class EndpointGateTest {

    @Test
    void shouldHoldRequestsBeyondTheRequestsPerMinute() throws Exception {
        EndpointGate gate = gate(OptionalInt.of(60), OptionalLong.empty());
        for (int i = 0; i < 60; i++) {
            gate.acquire().close();
        }
        long start = System.nanoTime();
        gate.acquire();
        // the 61st request of the minute waits for the next token (one a second)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void shouldHoldRequestsWhileTheTokenBudgetIsOverdrawn() throws Exception {
        EndpointGate gate = gate(OptionalInt.empty(), OptionalLong.of(6_000));
        gate.acquire().close();
        gate.consumed(6_100); // 100 tokens over: about a second of refill at 100 tokens/s
        long start = System.nanoTime();
        gate.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void shouldGiveASlotBackOnceWhetherTheResponseOrTheCallEndsFirst() throws Exception {
        EndpointGate gate = gate(OptionalInt.empty(), OptionalLong.empty()); // 4 slots
        EndpointGate.Slot early = gate.acquire();
        assertThat(gate.current()).isSameAs(early);
        early.release(); // the response arrived
        early.close(); // the call ended: nothing more to give back
        assertThat(gate.current()).isNull();
        List<EndpointGate.Slot> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(gate.acquire());
        }
        var fifth = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(fifth).isNotDone(); // four calls hold the four slots: a double release would have let it in
        held.get(0).release(); // a response arrived...
        EndpointGate.Slot fifthSlot = fifth.get(5, TimeUnit.SECONDS);
        var retry = CompletableFuture.runAsync(held.get(0)::retake); // ...and its call tries again
        Thread.sleep(200);
        assertThat(retry).isNotDone(); // the retry waits for a slot like any other call
        fifthSlot.close();
        retry.get(5, TimeUnit.SECONDS);
        held.forEach(EndpointGate.Slot::close);
    }

    @Test
    void shouldHoldEveryCallUntilRetryAfterHasPassed() throws Exception {
        EndpointGate gate = gate(OptionalInt.empty(), OptionalLong.empty());
        assertThat(gate.holdRemaining()).isZero();
        gate.rateLimited(Duration.ofMillis(700));
        assertThat(gate.holdRemaining()).isPositive();
        long start = System.nanoTime();
        gate.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        assertThat(gate.holdRemaining()).isZero();
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(ProviderResponseFilter.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProviderResponseFilter.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(ProviderResponseFilter.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8),
                Duration.ofSeconds(10));
        assertThat(ProviderResponseFilter.retryAfter("soon")).isNull();
        assertThat(ProviderResponseFilter.retryAfter(null)).isNull();
    }

    private static EndpointGate gate(OptionalInt requestsPerMinute, OptionalLong tokensPerMinute) {
        return gate(requestsPerMinute, tokensPerMinute, 60_000);
    }

    private static EndpointGate gate(OptionalInt requestsPerMinute, OptionalLong tokensPerMinute, long probeMs) {
        CaiConfig.Endpoint endpoint = new CaiConfig.Endpoint() {
            @Override
            public OptionalInt requestsPerMinute() {
                return requestsPerMinute;
            }

            @Override
            public OptionalLong tokensPerMinute() {
                return tokensPerMinute;
            }

            @Override
            public Duration rateLimitPause() {
                return Duration.ZERO;
            }

            @Override
            public OptionalInt maxConcurrency() {
                return OptionalInt.empty();
            }

            @Override
            public int minConcurrency() {
                return 1;
            }

            @Override
            public double backoffRatio() {
                return 0.5;
            }

            @Override
            public Duration probeInterval() {
                return Duration.ofMillis(probeMs);
            }

            @Override
            public Duration retryDelay() {
                return Duration.ofMillis(10);
            }

            @Override
            public Duration maxRetryDelay() {
                return Duration.ofMillis(100);
            }
        };
        CaiConfig config = (CaiConfig) Proxy.newProxyInstance(CaiConfig.class.getClassLoader(),
                new Class<?>[] { CaiConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("endpoint")) {
                        return endpoint;
                    }
                    if (method.getName().equals("pipeline")) {
                        return Proxy.newProxyInstance(CaiConfig.class.getClassLoader(),
                                new Class<?>[] { CaiConfig.Pipeline.class }, (p, m, a) -> {
                                    if (m.getName().equals("concurrency")) {
                                        return 4;
                                    }
                                    throw new UnsupportedOperationException(m.getName());
                                });
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new EndpointGate(config, new SimpleMeterRegistry());
    }
}
