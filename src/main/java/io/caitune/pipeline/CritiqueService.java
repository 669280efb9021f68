package io.caitune.pipeline;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

import java.util.List;

/**
 * Critiques the latest answer against one principle's critique request, in the conversation layout of the
 * Constitutional AI paper and the ConstitutionalAiTuning library; worked examples come first, as chat turns by
 * default ({@link FewShotLayout}).
 */
public interface CritiqueService {

    /** The real request's opening, which the revision prompt repeats: the conversation, then the critique request. */
    String REQUEST = "Human: {prompt}\nAssistant: {answer}\n\n---\nCritiqueRequest: {critiqueRequest}";

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a careful reviewer. Critique the assistant's last answer \
            exactly as the critique request asks. Do not rewrite the answer.{/if}""")
    // The ConstitutionalAiTuning library's layout, character for character: per few-shot a user turn and a
    // "Critique: " assistant turn ({turns} makes them real chat turns or keeps them inline), then the real request.
    @UserMessage("{#for shot in fewShots}Human: {shot.input}\nAssistant: {shot.initialAnswer}\n\n---\n"
            + "CritiqueRequest: {shot.critiqueRequest}{turns.assistant}Critique: {shot.critique}{turns.user}{/for}"
            + REQUEST + "{#if allowNoCritique}\nIf the response needs no change under this request, reply only: "
            + "No critique needed.{/if}")
    String critique(String systemMessage, List<FewShotExample> fewShots, Turns turns, String prompt, String answer,
            String critiqueRequest, boolean allowNoCritique);
}
