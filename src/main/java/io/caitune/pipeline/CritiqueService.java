package io.caitune.pipeline;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;
import dev.langchain4j.exception.NonRetriableException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.List;

/**
 * Critiques the latest answer against one principle's critique request, in the conversation layout of the
 * Constitutional AI paper and the ConstitutionalAiTuning library; worked examples come first.
 */
@RegisterAiService(chatLanguageModelSupplier = RunChatModel.Supplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface CritiqueService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a careful reviewer. Critique the assistant's last answer \
            exactly as the critique request asks. Do not rewrite the answer.{/if}""")
    @UserMessage("""
            {#for shot in fewShots}
            Human: {shot.input}

            Assistant: {shot.initialAnswer}

            ---

            CritiqueRequest: {shot.critiqueRequest}

            Critique: {shot.critique}

            ===

            {/for}
            Human: {prompt}

            Assistant: {answer}

            ---

            CritiqueRequest: {critiqueRequest}
            """)
    @Retry(maxRetries = 3, delay = 250, jitter = 100, abortOn = { NonRetriableException.class,
            ModelCallRefusedException.class, EndpointBusyException.class, CancellationException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    String critique(String systemMessage, List<FewShotExample> fewShots, String prompt, String answer,
            String critiqueRequest);
}
