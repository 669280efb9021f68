package io.caitune.pipeline;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/** The initial answer to a user prompt. */
@RegisterAiService(chatLanguageModelSupplier = RunChatModel.Supplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface AnswerService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a helpful assistant. Answer the user's request directly.{/if}""")
    @UserMessage("{prompt}")
    @Retry(maxRetries = 2, delay = 500, jitter = 250, abortOn = dev.langchain4j.exception.NonRetriableException.class)
    String answer(String systemMessage, String prompt);
}
