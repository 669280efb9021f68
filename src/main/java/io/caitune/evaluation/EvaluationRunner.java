package io.caitune.evaluation;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.caitune.config.CaiConfig;
import io.caitune.preference.FeedbackQuestion;
import io.caitune.preference.PairJudge;
import io.caitune.preference.PreferenceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.List;
import java.util.UUID;

/**
 * Judges an evaluation's pending (prompt, principle) pairs in the background, at most
 * {@code cai.preference.evaluation.concurrency} at once across the process. A judgement whose model call fails is
 * recorded as FAILED and the evaluation goes on; evaluations left running by a previous process resume at start.
 */
@ApplicationScoped
public class EvaluationRunner {

    private final EvaluationStore store;
    private final PairJudge judge;
    private final CaiConfig cai;
    private final String defaultModel;
    private final int concurrency;
    private final ManagedExecutor pool;

    public EvaluationRunner(EvaluationStore store, PairJudge judge, CaiConfig cai, PreferenceConfig config,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String defaultModel) {
        this.store = store;
        this.judge = judge;
        this.cai = cai;
        this.defaultModel = defaultModel;
        this.concurrency = config.evaluation().concurrency();
        // the process-wide cap: every evaluation's judgements share these slots (Quarkus' worker threads run them)
        this.pool = ManagedExecutor.builder().maxAsync(concurrency).propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
    }

    void resumeOnStart(@Observes StartupEvent event) {
        if (cai.pipeline().resumeOnStart()) {
            store.running().forEach(this::submit);
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    /** Starts (or resumes) an evaluation in the background; returns at once. */
    public void submit(UUID evaluationId) {
        ChatRequestParameters model = store.modelParameters(evaluationId);
        EvaluationStore.Work work = model == null ? null
                : store.work(evaluationId, judge.feedbackParameters(model), defaultModel);
        if (work == null) {
            return;
        }
        List<EvaluationStore.Pending> pending = work.pending();
        Multi.createFrom().iterable(pending)
                .onItem().transformToUni(p -> Uni.createFrom().item(() -> {
                    judge(work, p);
                    return p;
                }).runSubscriptionOn(pool).onFailure().recoverWithItem(failure -> {
                    Log.errorf(failure, "Could not store judgement %s of evaluation %s", p.id(), evaluationId);
                    return p;
                }))
                .merge(concurrency)
                .collect().last()
                .subscribe().with(ignored -> store.finish(evaluationId, null), failure -> {
                    Log.errorf(failure, "Evaluation %s stopped", evaluationId);
                    store.finish(evaluationId, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                });
    }

    private void judge(EvaluationStore.Work work, EvaluationStore.Pending p) {
        try {
            // original order: the initial (or rejected) answer is (A), the revision (or chosen) (B); the judge also
            // asks the swapped order
            store.save(p.id(), judge.judge(new FeedbackQuestion(work.questions().examples(), p.prompt(),
                    p.principle(), p.first(), p.second(), work.chainOfThought(), work.parameters(),
                    work.model(), io.caitune.pipeline.Turns.CHAT)));
        } catch (RuntimeException e) {
            Log.warnf("Judgement %s of evaluation %s failed: %s", p.id(), work.evaluationId(), e.getMessage());
            store.fail(p.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
