package io.caitune.preference;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.caitune.pipeline.Turns;

import java.util.List;

/** Everything one comparison question needs, in its original order: {@code first} is shown as (A). */
public record FeedbackQuestion(List<ComparisonExample> examples, String prompt, String question, String first,
        String second, boolean chainOfThought, ChatRequestParameters parameters, String model, Turns turns) {
}
