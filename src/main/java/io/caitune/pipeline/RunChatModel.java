package io.caitune.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.caitune.config.CaiConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The configured provider model, with a run's own settings (model id, temperature, max new tokens, top-p) laid over
 * each request, behind the process-wide {@link EndpointGate} (adaptive concurrency, Retry-After pauses, rate limits).
 * A busy endpoint (429, 502/503/504, timeouts, resets) is retried here by a SmallRye Fault Tolerance guard until the
 * stage budget ({@code cai.pipeline.stage-budget}) is spent; every failure leaves as a {@link ModelCallException}
 * saying the status and the endpoint's redacted message. The AI services call the model synchronously on the thread
 * that invoked them, so the run's settings travel with that thread for the duration of one call.
 */
@ApplicationScoped
@Unremovable // looked up by the AI services' model supplier
public class RunChatModel {

    private static final ThreadLocal<ChatRequestParameters> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<BooleanSupplier> STOP = new ThreadLocal<>();
    private static final ThreadLocal<List<ChatMessage>> PREVIEW = new ThreadLocal<>();

    private final ChatModel provider;
    private final EndpointGate gate;
    private final Redactor redactor;
    private final Duration budget;
    private final Guard whileBusy;

    public RunChatModel(ChatModel provider, EndpointGate gate, Redactor redactor, CaiConfig config) {
        this.provider = provider;
        this.gate = gate;
        this.redactor = redactor;
        this.budget = config.pipeline().stageBudget();
        long delay = Math.max(1, config.endpoint().retryDelay().toMillis());
        this.whileBusy = Guard.create().withDescription("model endpoint busy")
                .withRetry().maxRetries(-1).maxDuration(Math.max(budget.toMillis(), delay + 1), ChronoUnit.MILLIS)
                .delay(delay, ChronoUnit.MILLIS).jitter(delay / 2, ChronoUnit.MILLIS)
                .retryOn(EndpointBusyException.class)
                .withExponentialBackoff().factor(2)
                .maxDelay(Math.max(delay, config.endpoint().maxRetryDelay().toMillis()), ChronoUnit.MILLIS).done()
                .done().build();
    }

    /** Runs one AI service call with the given run settings applied to its model request. */
    public static <T> T with(ChatRequestParameters parameters, java.util.function.Supplier<T> call) {
        return with(parameters, null, call);
    }

    /**
     * As {@link #with(ChatRequestParameters, java.util.function.Supplier)}; {@code stop} is asked before each retry
     * of a busy endpoint, so a paused or cancelled run does not wait out the stage budget.
     */
    public static <T> T with(ChatRequestParameters parameters, BooleanSupplier stop, java.util.function.Supplier<T> call) {
        CURRENT.set(parameters);
        STOP.set(stop);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
            STOP.remove();
        }
    }

    /**
     * Runs one AI service call without reaching the model: the messages the call would send (few-shot turns split,
     * an empty system message left out) are returned, and the AI service gets {@code placeholder} as its reply.
     */
    public static List<ChatMessage> preview(String placeholder, Runnable call) {
        List<ChatMessage> captured = new ArrayList<>();
        PREVIEW.set(captured);
        try {
            PREVIEW_REPLY.set(placeholder);
            call.run();
            return List.copyOf(captured);
        } finally {
            PREVIEW.remove();
            PREVIEW_REPLY.remove();
        }
    }

    private static final ThreadLocal<String> PREVIEW_REPLY = new ThreadLocal<>();

    /** Hands the AI services the overriding model ({@code @RegisterAiService(chatLanguageModelSupplier = ...)}). */
    public static class Supplier implements java.util.function.Supplier<ChatModel> {
        @Override
        public ChatModel get() {
            return Arc.container().instance(RunChatModel.class).get().overriding();
        }
    }

    /** Provider-specific settings (seed, log-probabilities) survive only in the provider's parameter type. */
    private static ChatRequestParameters merge(ChatRequestParameters defaults, ChatRequestParameters run) {
        return run instanceof OpenAiChatRequestParameters openAi ? openAi.defaultedBy(defaults)
                : defaults.overrideWith(run);
    }

    /** One attempt through the gate; a failure leaves classified, with what the endpoint answered. */
    private ChatResponse attempt(ChatRequest request, BooleanSupplier stop) {
        if (stop != null && stop.getAsBoolean()) {
            throw new CancellationException("the run was paused or cancelled while the endpoint was busy");
        }
        EndpointGate.Slot slot;
        try {
            slot = gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the endpoint");
        }
        EndpointGate.Outcome outcome = EndpointGate.Outcome.IGNORE;
        try {
            ChatResponse response = provider.chat(request);
            if (response.tokenUsage() != null && response.tokenUsage().totalTokenCount() != null) {
                gate.consumed(response.tokenUsage().totalTokenCount());
            }
            outcome = EndpointGate.Outcome.SUCCESS;
            return response;
        } catch (RuntimeException e) {
            RuntimeException failure = ModelCallFailures.classify(e, slot.lastFailure(), redactor);
            if (failure instanceof ModelCallException call && call.status() == 0) {
                // no response at all: a timeout counts as overload, a reset connection like a 503
                outcome = e.toString().contains("Timeout") || hasTimeout(e) ? EndpointGate.Outcome.DROPPED
                        : EndpointGate.Outcome.SERVER_ERROR;
            }
            throw failure;
        } finally {
            slot.close(outcome);
        }
    }

    private static boolean hasTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    ChatModel overriding() {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                ChatRequestParameters run = CURRENT.get();
                ChatRequest effective = ChatTurns.split(run == null ? request
                        : request.toBuilder().parameters(merge(request.parameters(), run)).build());
                List<ChatMessage> preview = PREVIEW.get();
                if (preview != null) {
                    preview.addAll(effective.messages());
                    return ChatResponse.builder().aiMessage(AiMessage.from(PREVIEW_REPLY.get())).build();
                }
                BooleanSupplier stop = STOP.get();
                int[] attempts = {0};
                try {
                    return whileBusy.get(() -> attempt(effective, attempts[0]++ > 0 ? stop : null), ChatResponse.class);
                } catch (EndpointBusyException busy) {
                    throw new ModelCallRefusedException(busy.status(), "Gave up after the stage budget of " + budget
                            + " (cai.pipeline.stage-budget) while the endpoint stayed busy; last: " + busy.getMessage(),
                            busy);
                }
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return provider.defaultRequestParameters();
            }

            @Override
            public Set<Capability> supportedCapabilities() {
                return provider.supportedCapabilities();
            }

            @Override
            public ModelProvider provider() {
                return provider.provider();
            }
        };
    }
}
