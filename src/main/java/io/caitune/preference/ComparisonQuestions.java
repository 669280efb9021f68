package io.caitune.preference;

import io.caitune.constitution.Constitution;
import io.caitune.constitution.Principle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The comparison principles of a constitution as questions for the feedback model, with its worked comparison
 * examples. A constitution without comparison principles gets one question per critique request instead (marked
 * derived), so that any constitution can drive preference runs and evaluations.
 */
public record ComparisonQuestions(List<Question> questions, List<ComparisonExample> examples) {

    public record Question(int index, String text, boolean derived) {
    }

    public static ComparisonQuestions of(Constitution c) {
        List<Question> questions = new ArrayList<>();
        if (!c.comparisonPrinciples.isEmpty()) {
            for (int i = 0; i < c.comparisonPrinciples.size(); i++) {
                questions.add(new Question(i, c.comparisonPrinciples.get(i).strip(), false));
            }
        } else {
            for (int i = 0; i < c.principles.size(); i++) {
                questions.add(new Question(i, derive(c.principles.get(i)), true));
            }
        }
        List<ComparisonExample> examples = c.comparisonFewShots.stream().map(ComparisonExample::of)
                .filter(Objects::nonNull).toList();
        return new ComparisonQuestions(List.copyOf(questions), examples);
    }

    /** A comparison question made from a critique request: which response leaves that critic less to point out. */
    static String derive(Principle principle) {
        return "A critic reviews the assistant's response with this request: \"" + principle.critique.strip()
                + "\" Which of these responses gives the critic less to point out?";
    }

    public Question question(int index) {
        return questions.get(index);
    }
}
