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

/** The initial answer to a user prompt. */
@RegisterAiService(chatLanguageModelSupplier = RunChatModel.Supplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface AnswerService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a helpful assistant. Answer the user's request directly.{/if}""")
    @UserMessage("{prompt}")
    @Retry(maxRetries = 3, delay = 250, jitter = 100, abortOn = { NonRetriableException.class,
            ModelCallRefusedException.class, EndpointBusyException.class, CancellationException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    String answer(String systemMessage, String prompt);
}
