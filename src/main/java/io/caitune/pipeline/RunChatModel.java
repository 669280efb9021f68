package io.caitune.pipeline;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The configured provider model, with a run's own settings (model id, temperature, max new tokens, top-p) laid over
 * each request, behind the process-wide {@link EndpointGate} (Retry-After pauses, rate limits, in-flight gauge). The AI services call the model synchronously on the thread that invoked them, so the run's settings
 * travel with that thread for the duration of one call.
 */
@ApplicationScoped
@Unremovable // looked up by the AI services' model supplier
public class RunChatModel {

    private static final ThreadLocal<ChatRequestParameters> CURRENT = new ThreadLocal<>();

    private final ChatModel provider;
    private final EndpointGate gate;

    public RunChatModel(ChatModel provider, EndpointGate gate) {
        this.provider = provider;
        this.gate = gate;
    }

    /** Runs one AI service call with the given run settings applied to its model request. */
    public static <T> T with(ChatRequestParameters parameters, java.util.function.Supplier<T> call) {
        CURRENT.set(parameters);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

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

    ChatModel overriding() {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                ChatRequestParameters run = CURRENT.get();
                ChatRequest effective = run == null ? request
                        : request.toBuilder().parameters(merge(request.parameters(), run)).build();
                EndpointGate.Slot slot;
                try {
                    slot = gate.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("interrupted while waiting for the endpoint");
                }
                try {
                    ChatResponse response = provider.chat(effective);
                    if (response.tokenUsage() != null && response.tokenUsage().totalTokenCount() != null) {
                        gate.consumed(response.tokenUsage().totalTokenCount());
                    }
                    return response;
                } finally {
                    slot.close();
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
