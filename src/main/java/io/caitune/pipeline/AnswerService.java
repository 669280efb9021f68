package io.caitune.pipeline;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/**
 * The initial answer to a user prompt. Like every AI service here it holds only the prompt: it is built per call on
 * that call's model ({@link RunChatModel.Call#service}), which carries the run's settings, retries and stop check.
 */
public interface AnswerService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a helpful assistant. Answer the user's request directly.{/if}""")
    @UserMessage("{prompt}")
    String answer(String systemMessage, String prompt);
}
