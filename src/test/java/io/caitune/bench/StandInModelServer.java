package io.caitune.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model endpoint with a set latency and a concurrency cap, speaking OpenAI-compatible chat completions: each
 * answer takes {@code latencyMs}; a request beyond {@code cap} concurrent ones gets 429 at once, as rate-limited
 * providers do (with {@code Retry-After} when one is set), and a share {@code errorRate} of the accepted ones a 503,
 * as a busy day's router does. Non-blocking (timers), so it measures the service and not itself.
 */
public final class StandInModelServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong unavailable = new AtomicLong();

    public StandInModelServer(int cap, long latencyMs) throws Exception {
        this(cap, latencyMs, null, 0);
    }

    public StandInModelServer(int cap, long latencyMs, String retryAfter, double errorRate) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        String body = new JsonObject().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "stand-in")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
                        .put("message", new JsonObject().put("role", "assistant")
                                .put("content", "A stand-in answer of a typical length for a benchmark."))))
                .put("usage", new JsonObject().put("prompt_tokens", 120).put("completion_tokens", 40)
                        .put("total_tokens", 160))
                .encode();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ignored -> {
            int now = inFlight.incrementAndGet();
            peakInFlight.accumulateAndGet(now, Math::max);
            if (now > cap) {
                inFlight.decrementAndGet();
                rejected.incrementAndGet();
                var response = request.response().setStatusCode(429).putHeader("Content-Type", "application/json");
                if (retryAfter != null) {
                    response.putHeader("Retry-After", retryAfter);
                }
                response.end("{\"error\":\"too many concurrent requests\"}");
                return;
            }
            boolean fails;
            synchronized (random) {
                fails = errorRate > 0 && random.nextDouble() < errorRate;
            }
            if (fails) {
                inFlight.decrementAndGet();
                unavailable.incrementAndGet();
                request.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"Service temporarily unavailable\"}");
                return;
            }
            vertx.setTimer(Math.max(1, latencyMs), t -> {
                inFlight.decrementAndGet();
                answered.incrementAndGet();
                request.response().putHeader("Content-Type", "application/json").end(body);
            });
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    public long answered() {
        return answered.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long unavailable() {
        return unavailable.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
