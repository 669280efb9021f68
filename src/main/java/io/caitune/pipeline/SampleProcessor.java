package io.caitune.pipeline;

import io.caitune.pipeline.PipelineMetrics.Timed;
import io.caitune.pipeline.RunContext.PrincipleText;
import io.caitune.run.RunMode;
import io.caitune.run.SampleRound;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * The SFT handler: answer → (critique → revision) × rounds. Stages already stored are not asked for again, so a
 * sample handed out a second time (after a crash or a redelivery) continues where it stopped.
 */
@ApplicationScoped
public class SampleProcessor implements SampleHandler {

    private final RunChatModel model;
    private final StageStore store;
    private final PipelineMetrics metrics;

    public SampleProcessor(RunChatModel model, StageStore store, PipelineMetrics metrics) {
        this.model = model;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public RunMode mode() {
        return RunMode.SFT;
    }

    @Override
    public void process(RunContext run, SampleState sample, Predicate<UUID> stop) {
        String answer = sample.initialAnswer();
        if (answer == null) {
            SampleHandler.stopIfRequested(run, stop);
            Timed<String> timed = call("answer", run, stop, AnswerService.class,
                    answers -> answers.answer(run.answerSystemMessage(), sample.prompt()));
            answer = SampleHandler.requireText(timed.value(), "answer");
            store.saveAnswer(sample.id(), answer, timed.latencyMs());
        }
        if (run.revisions() == 0) {
            store.complete(sample, answer);
        }
        for (int round = 0; round < run.revisions(); round++) {
            answer = round(run, sample, round, answer, stop);
        }
    }

    private String round(RunContext run, SampleState sample, int round, String answer, Predicate<UUID> stop) {
        SampleRound stored = sample.rounds().get(round);
        int index = stored != null ? stored.principleIndex
                : PrincipleDraw.principleFor(run.seed(), sample.position(), round, run.principles().size());
        PrincipleText principle = run.principle(index);
        String critique = stored != null ? stored.critique : null;
        if (critique == null) {
            SampleHandler.stopIfRequested(run, stop);
            String latest = answer;
            Timed<String> timed = call("critique", run, stop, CritiqueService.class,
                    critiques -> critiques.critique(run.critiqueSystemMessage(), run.fewShots(), run.turns(), sample.prompt(),
                            latest, principle.critique(), run.skipUnneededRevisions()));
            critique = SampleHandler.requireText(Labels.stripCritique(timed.value()), "critique");
            store.saveCritique(sample.id(), round, index, principle, critique, timed.latencyMs());
        }
        String revision = stored != null ? stored.revision : null;
        boolean last = round == run.revisions() - 1;
        if (revision == null && run.skipUnneededRevisions() && NoCritique.says(critique)) {
            store.skipRevision(sample, round, answer, last);
            return answer;
        }
        if (revision == null) {
            SampleHandler.stopIfRequested(run, stop);
            String latest = answer;
            String critiqueText = critique;
            Timed<String> timed = call("revision", run, stop, RevisionService.class,
                    revisions -> revisions.revise(run.revisionSystemMessage(), run.fewShots(), run.turns(), sample.prompt(), latest,
                            principle.critique(), critiqueText, principle.revision()));
            revision = SampleHandler.requireText(Labels.stripRevision(timed.value()), "revision");
            if (last) {
                store.saveFinalRevision(sample, round, revision, timed.latencyMs());
            } else {
                store.saveRevision(sample.id(), round, revision, timed.latencyMs());
            }
        } else if (last) {
            store.complete(sample, revision);
        }
        return revision;
    }

    /** One stage's model call, with the run's settings and its stop check on the model it goes to. */
    private <S> Timed<String> call(String stage, RunContext run, Predicate<UUID> stop, Class<S> service,
            Function<S, String> call) {
        S ai = model.forRun(run.parameters(), () -> stop.test(run.runId())).service(service);
        return metrics.time(stage, run.model(), () -> call.apply(ai));
    }
}
