package io.caitune.pipeline;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

import java.util.List;

/** Rewrites the latest answer so that it addresses the critique, as the principle's revision request asks. */
public interface RevisionService {

    @SystemMessage("""
            {#if systemMessage}{systemMessage}{#else}You are a helpful assistant. Rewrite the assistant's last answer \
            as the revision request asks, taking the critique into account. Reply with the revised answer only.{/if}""")
    // The ConstitutionalAiTuning library's layout: few-shot user turns as it writes them, "Revision: " assistant turns.
    // One deliberate difference: the library glues the real request's critique request to "Critique:" with no line
    // break ("...request.Critique: ..."); here a line break separates them, as in its own few-shot turns.
    @UserMessage("{#for shot in fewShots}Human: {shot.input}\nAssistant: {shot.initialAnswer}\n---\n"
            + "CritiqueRequest: {shot.critiqueRequest}\nCritique: {shot.critique}\n\n---\n"
            + "RevisionRequest: {shot.revisionRequest}{turns.assistant}Revision: {shot.revision}{turns.user}{/for}"
            + CritiqueService.REQUEST + "\nCritique: {critique}\n\n---\nRevisionRequest: {revisionRequest}")
    String revise(String systemMessage, List<FewShotExample> fewShots, Turns turns, String prompt, String answer,
            String critiqueRequest, String critique, String revisionRequest);
}
