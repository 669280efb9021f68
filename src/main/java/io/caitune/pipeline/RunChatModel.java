package io.caitune.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.guardrail.GuardrailService;
import io.caitune.config.CaiConfig;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceContext;
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
 * The configured provider model, handed out per call with that call's context: a run's own settings (model id,
 * temperature, max new tokens, top-p, seed, log-probabilities) laid over the request and its stop check
 * ({@link #forRun}), or no model at all for a preview ({@link #preview}). The AI services are built on that model for
 * the call ({@link Call#service}), so nothing about a call travels beside it on the thread. Every call goes through
 * the process-wide {@link EndpointGate} (adaptive concurrency, Retry-After pauses, rate limits). A busy endpoint (429,
 * 502/503/504, timeouts, resets) is retried until the stage budget ({@code cai.pipeline.stage-budget}) is spent;
 * other failures are tried a few more times with backoff (stages 3, feedback 2); every failure leaves as a
 * {@link ModelCallException} saying the status and the endpoint's redacted message.
 */
@ApplicationScoped
public class RunChatModel {

    private final ChatModel provider;
    private final EndpointGate gate;
    private final Redactor redactor;
    private final Duration budget;
    private final Guard whileBusy;
    private final Guard stageRetry;
    private final Guard feedbackRetry;

    public RunChatModel(ChatModel provider, EndpointGate gate, Redactor redactor, CaiConfig config) {
        this.provider = provider;
        this.gate = gate;
        this.redactor = redactor;
        this.budget = config.pipeline().stageBudget();
        long delay = Math.max(1, config.endpoint().retryDelay().toMillis());
        long maxDelay = Math.max(delay, config.endpoint().maxRetryDelay().toMillis());
        this.whileBusy = Guard.create().withDescription("model endpoint busy")
                .withRetry().maxRetries(-1).maxDuration(Math.max(budget.toMillis(), delay + 1), ChronoUnit.MILLIS)
                .delay(delay, ChronoUnit.MILLIS).jitter(delay / 2, ChronoUnit.MILLIS)
                .retryOn(EndpointBusyException.class)
                .withExponentialBackoff().factor(2).maxDelay(maxDelay, ChronoUnit.MILLIS).done()
                .done().build();
        // any other failure (a 500, an unreadable reply): a few more tries, never for what retrying cannot change
        this.stageRetry = Guard.create().withDescription("model call failed")
                .withRetry().maxRetries(3).delay(delay, ChronoUnit.MILLIS).jitter(delay / 2, ChronoUnit.MILLIS)
                .abortOn(List.of(NonRetriableException.class, ModelCallRefusedException.class,
                        EndpointBusyException.class, CancellationException.class))
                .withExponentialBackoff().factor(2).maxDelay(Math.max(maxDelay, 30_000), ChronoUnit.MILLIS).done()
                .done().build();
        this.feedbackRetry = Guard.create().withDescription("feedback call failed")
                .withRetry().maxRetries(2).delay(2 * delay, ChronoUnit.MILLIS).jitter(delay, ChronoUnit.MILLIS)
                .abortOn(List.of(NonRetriableException.class, ModelCallRefusedException.class,
                        EndpointBusyException.class, CancellationException.class))
                .done().build();
    }

    /**
     * The model for one stage call of a run: {@code parameters} are laid over the configured defaults, {@code stop}
     * (may be null) is asked before each retry of a busy endpoint, so a paused or cancelled run does not wait out the
     * stage budget.
     */
    public Call forRun(ChatRequestParameters parameters, BooleanSupplier stop) {
        return new Call(parameters, stop, stageRetry);
    }

    /** As {@link #forRun}, for the feedback model's question (fewer retries, no backoff). */
    public Call forFeedback(ChatRequestParameters parameters) {
        return new Call(parameters, null, feedbackRetry);
    }

    /**
     * A model that never reaches the endpoint: it keeps the messages a call would send (few-shot turns split, an empty
     * system message left out) and answers {@code placeholder}.
     */
    public static Preview preview(String placeholder) {
        return new Preview(placeholder);
    }

    /**
     * An AI service whose calls go to {@code model}: the prompt comes from the interface, the model from the call. Its
     * context is its own (no chat memory, no shared state), so concurrent calls with different models never meet.
     */
    static <S> S service(Class<S> type, ChatModel model) {
        return AiServices.<S>builder(new CallContext(type)).chatModel(model).build();
    }

    /**
     * A fresh AI service context per call that shares its type's guardrail service: LangChain4j computes that service
     * once per context, and computing it on every call (for AI services that declare no guardrails) was 14 % of a warm
     * run's CPU samples — a third more CPU per model call than one service per type.
     */
    private static final class CallContext extends QuarkusAiServiceContext {
        private static final ClassValue<GuardrailService> GUARDRAILS = new ClassValue<>() {
            @Override
            protected GuardrailService computeValue(Class<?> type) {
                return new QuarkusAiServiceContext(type).guardrailService();
            }
        };

        CallContext(Class<?> type) {
            super(type);
        }

        @Override
        public GuardrailService guardrailService() {
            return GUARDRAILS.get(aiServiceClass);
        }
    }

    /** One call's model: the run's settings, its stop check, and the last response (for token log-probabilities). */
    public final class Call implements ChatModel {
        private final ChatRequestParameters parameters;
        private final BooleanSupplier stop;
        private final Guard retry;
        private volatile ChatResponse lastResponse;

        private Call(ChatRequestParameters parameters, BooleanSupplier stop, Guard retry) {
            this.parameters = parameters;
            this.stop = stop;
            this.retry = retry;
        }

        public <S> S service(Class<S> type) {
            return RunChatModel.service(type, this);
        }

        /** The provider's last response to this call, with its metadata (null before one arrived). */
        public ChatResponse lastResponse() {
            return lastResponse;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            ChatRequest effective = ChatTurns.split(parameters == null ? request
                    : request.toBuilder().parameters(merge(request.parameters(), parameters)).build());
            ChatResponse response = retry.get(() -> whileBusy(effective), ChatResponse.class);
            lastResponse = response;
            return response;
        }

        private ChatResponse whileBusy(ChatRequest request) {
            int[] attempts = {0};
            try {
                return whileBusy.get(() -> attempt(request, attempts[0]++ > 0 ? stop : null), ChatResponse.class);
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
    }

    /** The model of a preview: records what would be sent, answers a placeholder. */
    public static final class Preview implements ChatModel {
        private final String placeholder;
        private final List<ChatMessage> messages = new ArrayList<>();

        private Preview(String placeholder) {
            this.placeholder = placeholder;
        }

        public <S> S service(Class<S> type) {
            return RunChatModel.service(type, this);
        }

        /** The messages the calls so far would have sent. */
        public List<ChatMessage> messages() {
            return List.copyOf(messages);
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            messages.addAll(ChatTurns.split(request).messages());
            return ChatResponse.builder().aiMessage(AiMessage.from(placeholder)).build();
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
}
