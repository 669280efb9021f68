package io.caitune.pipeline;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.caitune.constitution.Constitution;
import io.caitune.constitution.Principle;
import io.caitune.run.Run;
import io.caitune.run.RunMode;

import java.util.List;
import java.util.UUID;

/**
 * What every sample of a run needs from its constitution and settings, read once per run. System messages are the
 * AI services' template values: null for the service default, a "none" marker for an empty one ({@link Turns}).
 */
public record RunContext(UUID runId, RunMode mode, long seed, int revisions, String answerSystemMessage,
        String critiqueSystemMessage, String revisionSystemMessage, List<PrincipleText> principles,
        List<FewShotExample> fewShots, ChatRequestParameters parameters, String model, Turns turns,
        boolean skipUnneededRevisions) {

    public record PrincipleText(String name, String critique, String revision) {
        static PrincipleText of(Principle p) {
            return new PrincipleText(p.name, p.critique, p.revision);
        }
    }

    /**
     * The run's own model settings; absent ones fall back to the configured model's. Max new tokens travel as
     * {@code max_completion_tokens}, like the configured default ({@code chat-model.max-completion-tokens}), so a
     * request never carries both that and the deprecated {@code max_tokens}.
     */
    public static ChatRequestParameters modelParameters(Run run) {
        return OpenAiChatRequestParameters.builder()
                .modelName(run.modelId)
                .temperature(run.temperature)
                .maxCompletionTokens(run.maxNewTokens)
                .topP(run.topP)
                .build();
    }

    static RunContext of(Run run, Constitution c, String defaultModel) {
        ChatRequestParameters parameters = modelParameters(run);
        return new RunContext(run.id, run.mode, run.seed, run.revisions, Turns.systemMessage(c.answerSystemMessage),
                Turns.systemMessage(c.critiqueSystemMessage), Turns.systemMessage(c.revisionSystemMessage),
                c.principles.stream().map(PrincipleText::of).toList(),
                c.fewShots.stream().map(FewShotExample::of).toList(), parameters,
                run.modelId != null ? run.modelId : defaultModel,
                FewShotLayout.byName(run.fewShotLayout).orElse(FewShotLayout.TURNS).turns(),
                run.skipUnneededRevisions);
    }

    PrincipleText principle(int index) {
        return principles.get(index);
    }
}
