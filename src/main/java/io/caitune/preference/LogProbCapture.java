package io.caitune.preference;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hands the feedback caller the token log-probabilities of its model call. The AI service returns only the reply
 * text (quarkus-langchain4j 1.10 drops the provider's response metadata, also for {@code Result<String>} return
 * types), so this listener, which the OpenAI model calls with the full response on the calling thread, keeps the
 * {@link OpenAiChatResponseMetadata#logProbs()} of the last response for a caller that asked for them.
 */
@ApplicationScoped
public class LogProbCapture implements ChatModelListener {

    private static final ThreadLocal<List<TokenProbability>[]> ACTIVE = new ThreadLocal<>();

    /** The call's result and the tokens of the last model response it received (empty without log-probabilities). */
    public record Captured<T>(T value, List<TokenProbability> tokens) {
    }

    @SuppressWarnings("unchecked")
    public static <T> Captured<T> capture(Supplier<T> call) {
        List<TokenProbability>[] slot = new List[] { List.of() };
        ACTIVE.set(slot);
        try {
            T value = call.get();
            return new Captured<>(value, slot[0]);
        } finally {
            ACTIVE.remove();
        }
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        List<TokenProbability>[] slot = ACTIVE.get();
        if (slot != null) {
            slot[0] = tokens(context.chatResponse());
        }
    }

    static List<TokenProbability> tokens(ChatResponse response) {
        if (response == null || !(response.metadata() instanceof OpenAiChatResponseMetadata metadata)
                || metadata.logProbs() == null) {
            return List.of();
        }
        return metadata.logProbs().stream().map(LogProbCapture::token).toList();
    }

    private static TokenProbability token(LogProb p) {
        List<TokenProbability> alternatives = p.topLogprobs() == null ? List.of()
                : p.topLogprobs().stream().map(LogProbCapture::token).toList();
        return new TokenProbability(p.token() == null ? "" : p.token(),
                p.logprob() == null ? Double.NEGATIVE_INFINITY : p.logprob(), alternatives);
    }
}
