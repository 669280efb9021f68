package io.caitune.preference;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.caitune.pipeline.AnswerService;
import io.caitune.pipeline.PipelineMetrics;
import io.caitune.pipeline.PipelineMetrics.Timed;
import io.caitune.pipeline.PrincipleDraw;
import io.caitune.pipeline.RunChatModel;
import io.caitune.pipeline.RunContext;
import io.caitune.pipeline.SampleHandler;
import io.caitune.pipeline.SampleState;
import io.caitune.pipeline.StageStore;
import io.caitune.preference.PreferenceStore.RunMaterial;
import io.caitune.preference.PreferenceStore.Progress;
import io.caitune.run.RunMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * A preference sample: K answers sampled at the run's preference temperature (each with its own seed), then every
 * pair of them compared by the feedback model under a drawn comparison principle, in both orders. Answers and
 * comparisons already stored are not asked for again, so a sample picked up a second time continues where it
 * stopped.
 */
@ApplicationScoped
public class PreferenceSampleHandler implements SampleHandler {

    private final RunChatModel model;
    private final PairJudge judge;
    private final PreferenceStore store;
    private final StageStore stages;
    private final PipelineMetrics metrics;

    public PreferenceSampleHandler(RunChatModel model, PairJudge judge, PreferenceStore store, StageStore stages,
            PipelineMetrics metrics) {
        this.model = model;
        this.judge = judge;
        this.store = store;
        this.stages = stages;
        this.metrics = metrics;
    }

    @Override
    public RunMode mode() {
        return RunMode.PREFERENCE;
    }

    @Override
    public void process(RunContext run, SampleState sample, Predicate<UUID> cancelled) {
        UUID sampleId = sample.id();
        Progress stored = store.progress(sampleId);
        RunMaterial m = store.material(run.runId());
        int k = m.settings().answers;
        String[] texts = new String[k];
        for (int i = 0; i < k; i++) {
            texts[i] = stored.answers().get(i);
            if (texts[i] == null) {
                SampleHandler.stopIfRequested(run, cancelled);
                ChatRequestParameters sampling = OpenAiChatRequestParameters.builder()
                        .overrideWith(run.parameters())
                        .temperature(m.settings().temperature)
                        .seed(AnswerSeeds.seed(run.seed(), sample.position(), i))
                        .build();
                AnswerService answers = model.forRun(sampling, null).service(AnswerService.class);
                Timed<String> timed = metrics.time("answer", run.model(),
                        () -> answers.answer(run.answerSystemMessage(), sample.prompt()));
                texts[i] = SampleHandler.requireText(timed.value(), "answer");
                store.saveAnswer(sampleId, i, texts[i], timed.latencyMs());
            }
        }
        ChatRequestParameters feedback = judge.feedbackParameters(run.parameters());
        int pair = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, pair++) {
                if (stored.pairs().contains(pair)) {
                    continue;
                }
                SampleHandler.stopIfRequested(run, cancelled);
                ComparisonQuestions.Question question = m.questions().question(PrincipleDraw.principleFor(
                        run.seed(), sample.position(), pair, m.questions().questions().size()));
                PairVerdict verdict = judge.judge(new FeedbackQuestion(m.questions().examples(), sample.prompt(),
                        question.text(), texts[i], texts[j], m.settings().chainOfThought, feedback, run.model(),
                        run.turns()));
                store.saveComparison(run.runId(), sampleId, pair, i, j, question, verdict);
            }
        }
        stages.complete(sample, null);
    }
}
