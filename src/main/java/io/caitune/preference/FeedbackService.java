package io.caitune.preference;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.caitune.pipeline.Turns;

import java.util.List;

/**
 * The feedback model's multiple-choice question of the Constitutional AI paper (RL from AI feedback), in the
 * ConstitutionalAiTuning library's layout, which its comparison few-shots already use: the conversation as
 * {@code H: ...}, the comparison principle, then the options as {@code (A) [[[...]]]} and {@code (B) [[[...]]]}. The
 * worked examples and the real question share that one layout: each example is a user turn (its task, verbatim) and
 * an assistant turn (its chain of thought, when chain of thought is on, then its selected answer), as chat turns or
 * inline ({@link Turns}). How to answer is said once, in the system message. Built per question on the question's own
 * model ({@link io.caitune.pipeline.RunChatModel#forFeedback}), whose last response carries the token
 * log-probabilities when they were asked for.
 */
public interface FeedbackService {

    @SystemMessage("""
            You are a careful, impartial judge. You compare two responses of an AI assistant against the principle \
            in the question and choose (A) or (B). The order of the options says nothing about their quality.
            {#if chainOfThought}Start with "Let's think step by step:" and reason first, then give your choice alone on \
            the last line, as "So the answer is: (A)" or "So the answer is: (B)".{#else}Reply with your choice only, \
            as "So the answer is: (A)" or "So the answer is: (B)".{/if}""")
    @UserMessage("{#for shot in examples}{shot.task}{turns.assistant}"
            + "{#if chainOfThought && shot.chainOfThought}{shot.chainOfThought}\n{/if}{shot.selectedAnswer}{turns.user}"
            + "{/for}Consider the following conversation between a human (H) and an assistant (A):\n\n"
            + "H: {prompt}\n\n{question}\n(A) [[[{optionA}]]]\n(B) [[[{optionB}]]]")
    String compare(List<ComparisonExample> examples, String prompt, String question, String optionA,
            String optionB, boolean chainOfThought, Turns turns);
}
