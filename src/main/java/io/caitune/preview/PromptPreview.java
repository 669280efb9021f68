package io.caitune.preview;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.caitune.constitution.Constitution;
import io.caitune.constitution.Principle;
import io.caitune.pipeline.AnswerService;
import io.caitune.pipeline.CritiqueService;
import io.caitune.pipeline.FewShotExample;
import io.caitune.pipeline.FewShotLayout;
import io.caitune.pipeline.RevisionService;
import io.caitune.pipeline.RunChatModel;
import io.caitune.pipeline.Turns;
import io.caitune.preference.ComparisonQuestions;
import io.caitune.preference.FeedbackService;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Renders every stage's request for a constitution and a prompt through the very AI services a run calls, with the
 * model call intercepted ({@link RunChatModel#preview}), so what is shown is exactly what a run would send — the
 * ConstitutionalAiTuning library's {@code verbose=True}, without spending a model call.
 */
@ApplicationScoped
public class PromptPreview {

    static final String ANSWER = "[the model's initial answer]";
    static final String CRITIQUE = "[the model's critique]";
    static final List<String> ANSWERS = List.of("[the model's first answer]", "[the model's second answer]");

    public Preview render(Constitution c, PreviewRequest request) {
        FewShotLayout layout = FewShotLayout.byName(request.fewShotLayout()).orElse(FewShotLayout.TURNS);
        Turns turns = layout.turns();
        boolean chainOfThought = Boolean.TRUE.equals(request.chainOfThought());
        int principleIndex = index(request.principle(), c.principles.size(), "principle");
        Principle principle = c.principles.get(principleIndex);
        ComparisonQuestions questions = ComparisonQuestions.of(c);
        int questionIndex = index(request.comparisonPrinciple(), questions.questions().size(), "comparisonPrinciple");
        String question = questions.question(questionIndex).text();
        List<FewShotExample> fewShots = c.fewShots.stream().map(FewShotExample::of).toList();
        String answer = Objects.requireNonNullElse(request.answer(), ANSWER);
        String critique = Objects.requireNonNullElse(request.critique(), CRITIQUE);
        List<String> pair = request.answers() != null ? request.answers() : ANSWERS;
        String prompt = request.prompt();

        Preview.Stage answerStage = new Preview.Stage(null, capture(AnswerService.class,
                answers -> answers.answer(Turns.systemMessage(c.answerSystemMessage), prompt)));
        Preview.Stage critiqueStage = new Preview.Stage(principle.name, capture(CritiqueService.class,
                critiques -> critiques.critique(Turns.systemMessage(c.critiqueSystemMessage), fewShots, turns, prompt, answer,
                        principle.critique, Boolean.TRUE.equals(request.skipUnneededRevisions()))));
        Preview.Stage revisionStage = new Preview.Stage(principle.name, capture(RevisionService.class,
                revisions -> revisions.revise(Turns.systemMessage(c.revisionSystemMessage), fewShots, turns, prompt, answer,
                        principle.critique, critique, principle.revision)));
        Preview.Stage comparisonStage = new Preview.Stage(question, capture(FeedbackService.class,
                feedback -> feedback.compare(questions.examples(), prompt, question, pair.get(0), pair.get(1),
                        chainOfThought, turns)));
        return new Preview(c.id, layout.name().toLowerCase(java.util.Locale.ROOT), chainOfThought, answerStage,
                critiqueStage, revisionStage, comparisonStage);
    }

    private static int index(Integer requested, int size, String field) {
        int index = requested == null ? 0 : requested;
        if (index >= size) {
            throw ProblemException.badRequest("'" + field + "' must be below " + size
                    + " (the constitution has " + size + ")");
        }
        return index;
    }

    /** The messages one AI service call would send, from a model that answers a placeholder instead. */
    private static <S> List<Preview.Message> capture(Class<S> service, Consumer<S> call) {
        RunChatModel.Preview model = RunChatModel.preview("(A)");
        call.accept(model.service(service));
        return model.messages().stream().map(PromptPreview::view).toList();
    }

    private static Preview.Message view(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return new Preview.Message("system", s.text());
        }
        if (message instanceof UserMessage u) {
            return new Preview.Message("user", u.singleText());
        }
        if (message instanceof AiMessage a) {
            return new Preview.Message("assistant", a.text());
        }
        return new Preview.Message(message.type().name().toLowerCase(java.util.Locale.ROOT), message.toString());
    }
}
