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

/** Rewrites the latest answer so that it addresses the critique, as the principle's revision request asks. */
@RegisterAiService(chatLanguageModelSupplier = RunChatModel.Supplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface RevisionService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a helpful assistant. Rewrite the assistant's last answer \
            as the revision request asks, taking the critique into account. Reply with the revised answer only.{/if}""")
    @UserMessage("""
            {#for shot in fewShots}
            Human: {shot.input}

            Assistant: {shot.initialAnswer}

            ---

            CritiqueRequest: {shot.critiqueRequest}

            Critique: {shot.critique}

            ---

            RevisionRequest: {shot.revisionRequest}

            Revision: {shot.revision}

            ===

            {/for}
            Human: {prompt}

            Assistant: {answer}

            ---

            CritiqueRequest: {critiqueRequest}

            Critique: {critique}

            ---

            RevisionRequest: {revisionRequest}
            """)
    @Retry(maxRetries = 3, delay = 250, jitter = 100, abortOn = { NonRetriableException.class,
            ModelCallRefusedException.class, EndpointBusyException.class, CancellationException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    String revise(String systemMessage, List<FewShotExample> fewShots, String prompt, String answer,
            String critiqueRequest, String critique, String revisionRequest);
}
