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
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
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
    private static final ThreadLocal<List<ChatMessage>> PREVIEW = new ThreadLocal<>();

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
