package io.caitune.preference;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.caitune.pipeline.RunChatModel;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.List;

/**
 * The feedback model's multiple-choice question of the Constitutional AI paper (RL from AI feedback): the
 * conversation, a comparison principle, the two responses as options (A) and (B), then either "The answer is:" or a
 * request to think step by step and end with the choice. Worked examples from the constitution come first. Token
 * log-probabilities, when asked for, reach the caller through {@link LogProbCapture}.
 */
@RegisterAiService(chatLanguageModelSupplier = RunChatModel.Supplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface FeedbackService {

    @SystemMessage("""
            You are a careful, impartial judge. You compare two responses of an AI assistant against the principle \
            in the question and answer the multiple-choice question with (A) or (B). The order of the options says \
            nothing about their quality.""")
    @UserMessage("""
            {#for shot in examples}
            {shot.task}
            {#if chainOfThought && shot.chainOfThought}
            Let's think step by step: {shot.chainOfThought}
            {/if}
            {shot.selectedAnswer}

            ===

            {/for}
            Consider the following conversation between a human and an assistant:

            Human: {prompt}

            {question}

            Options:
            (A) {optionA}

            (B) {optionB}

            {#if chainOfThought}Let's think step by step. Reason first, then give your choice alone on the last line, \
            as "So the answer is: (A)" or "So the answer is: (B)".{#else}Reply with (A) or (B) only.
            The answer is:{/if}
            """)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, abortOn = {
            dev.langchain4j.exception.NonRetriableException.class, io.caitune.pipeline.ModelCallRefusedException.class,
            io.caitune.pipeline.EndpointBusyException.class, java.util.concurrent.CancellationException.class })
    String compare(List<ComparisonExample> examples, String prompt, String question, String optionA,
            String optionB, boolean chainOfThought);
}
