package io.caitune.pipeline;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.caitune.run.Sample;
import io.caitune.run.SampleStatus;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static io.caitune.testing.ModelStub.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Exactly-once samples under redelivery and restarts; pause, resume and retry; riding out 429s and 5xxs. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class DurabilityTests {

    @InjectModelStub
    ModelStub model;

    @Inject
    @Channel("work-out")
    MutinyEmitter<String> work;

    @Inject
    RunOrchestrator orchestrator;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldNeverCallTheModelTwiceForARedeliveredWorkItem() {
        String token = UUID.randomUUID().toString();
        slowReplies(token, 150);
        List<String> prompts = IntStream.range(0, 6).mapToObj(i -> i + " " + token).toList();
        String runId = Api.startRun(Api.createConstitution(), prompts, 1);
        List<UUID> samples = sampleIds(runId);

        // every work item delivered three times over while the run is in flight, and again after it ended
        samples.forEach(id -> {
            work.sendAndForget(id.toString());
            work.sendAndForget(id.toString());
        });
        Api.awaitRun(runId);
        samples.forEach(id -> work.sendAndForget(id.toString()));
        work.sendAndForget("not-a-sample-id");
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);

        assertThat(model.requestsContaining(token)).hasSize(6 * 3);
        JsonPath run = given().get("/api/runs/" + runId).then().extract().jsonPath();
        assertThat(run.getInt("completed")).isEqualTo(6);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Sample.count("runId", UUID.fromString(runId))))
                .isEqualTo(6);
    }

    @Test
    void shouldResumeACrashedRunWithoutRequestingStoredStagesAgain() {
        String token = UUID.randomUUID().toString();
        String runId = Api.startRun(Api.createConstitution(), List.of("crash " + token), 1);
        Api.awaitRun(runId);
        int before = model.requestsContaining(token).size();
        assertThat(before).isEqualTo(3);

        // as a kill -9 leaves it: the run RUNNING, the sample claimed by a dead process, only its answer stored
        UUID sampleId = sampleIds(runId).get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            Sample.getEntityManager().createQuery("delete from SampleRound where sampleId = ?1")
                    .setParameter(1, sampleId).executeUpdate();
            Sample sample = Sample.findById(sampleId);
            sample.status = SampleStatus.RUNNING;
            sample.claimedBy = "dead-process";
            sample.leaseUntil = Instant.now().minusSeconds(1);
            sample.finalRevision = null;
            Run run = Run.findById(UUID.fromString(runId));
            run.status = RunStatus.RUNNING;
            run.completed = 0;
            run.finishedAt = null;
        });

        orchestrator.start(UUID.fromString(runId)); // what start-up and the periodic sweep do
        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(1);
        List<String> stages = model.requestsContaining(token).stream().skip(before)
                .map(r -> ModelStub.message(r, "user")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("CritiqueRequest:").doesNotContain("RevisionRequest:");
        assertThat(stages.get(1)).contains("RevisionRequest:");
    }

    @Test
    void shouldNotTakeOverASampleAnotherLiveProcessHolds() {
        String token = UUID.randomUUID().toString();
        slowReplies(token, 2_000);
        String runId = Api.startRun(Api.createConstitution(), List.of("held " + token), 1);
        UUID sampleId = sampleIds(runId).get(0);
        given().post("/api/runs/" + runId + "/pause").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(sampleId) == SampleStatus.PENDING);
        QuarkusTransaction.requiringNew().run(() -> {
            Sample sample = Sample.findById(sampleId);
            sample.status = SampleStatus.RUNNING;
            sample.claimedBy = "other-replica";
            sample.leaseUntil = Instant.now().plusSeconds(600);
        });
        int calls = model.requestsContaining(token).size();

        given().post("/api/runs/" + runId + "/resume").then().statusCode(200);
        work.sendAndForget(sampleId.toString());
        await().pollDelay(Duration.ofMillis(700)).until(() -> true);

        assertThat(model.requestsContaining(token)).hasSize(calls);
        assertThat(status(sampleId)).isEqualTo(SampleStatus.RUNNING);
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(200);
    }

    @Test
    void shouldPauseAndResumeWithEverySampleDoneExactlyOnce() {
        String token = UUID.randomUUID().toString();
        slowReplies(token, 200);
        List<String> prompts = IntStream.range(0, 40).mapToObj(i -> i + " " + token).toList();
        String runId = Api.startRun(Api.createConstitution(), prompts, 1);

        given().post("/api/runs/" + runId + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        given().post("/api/runs/" + runId + "/pause").then().statusCode(409);
        // in-flight stages finish, then nothing more goes out
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            int seen = model.requestsContaining(token).size();
            Thread.sleep(600);
            return model.requestsContaining(token).size() == seen;
        });
        assertThat(model.requestsContaining(token).size()).isLessThan(40 * 3);

        // a worker turned away a work item of the paused run: this process has seen it PAUSED just now
        work.sendAndForget(sampleIds(runId).get(0).toString());
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        given().post("/api/runs/" + runId + "/resume").then().statusCode(200).body("status", equalTo("RUNNING"));
        // the items handed out again at once are taken at once, not left to the sweep a minute later
        JsonPath run = Api.awaitRun(runId, Duration.ofSeconds(20));

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(40);
        assertThat(model.requestsContaining(token)).hasSize(40 * 3);
        given().post("/api/runs/" + runId + "/resume").then().statusCode(409)
                .body("detail", containsString("COMPLETED"));
    }

    @Test
    void shouldRetryOnlyTheFailedStagesOfFailedSamples() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("broken " + token))
                .withRequestBody(containing("RevisionRequest:"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"context too long\"}")));
        String runId = Api.startRun(Api.createConstitution(), List.of("fine " + token, "broken " + token), 1);
        JsonPath first = Api.awaitRun(runId);
        assertThat(first.getInt("failed")).isEqualTo(1);
        // a run whose samples did not all complete does not say COMPLETED
        assertThat(first.getString("status")).isEqualTo("COMPLETED_WITH_FAILURES");

        model.reset();
        int before = model.requestsContaining("broken " + token).size();
        given().post("/api/runs/" + runId + "/retry-failed").then().statusCode(200);
        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(2);
        assertThat(run.getInt("failed")).isZero();
        // answer and critique were stored: only the revision is asked for again
        assertThat(model.requestsContaining("broken " + token).stream().skip(before)
                .map(r -> ModelStub.message(r, "user")))
                .singleElement().asString().contains("RevisionRequest:");
        given().post("/api/runs/" + runId + "/retry-failed").then().statusCode(409)
                .body("detail", containsString("no failed samples"));
    }

    @Test
    void shouldRideOut429sWithRetryAfterAnd503s() {
        String token = UUID.randomUUID().toString();
        List<String> prompts = IntStream.range(0, 4).mapToObj(i -> "flaky " + i + " " + token).toList();
        for (String prompt : prompts) {
            String scenario = "flaky-" + prompt;
            model.server().stubFor(chat().atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                    .withRequestBody(containing(prompt)).withRequestBody(notContaining("CritiqueRequest:"))
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withBody("{\"error\":\"rate limited\"}"))
                    .willSetStateTo("limited"));
            model.server().stubFor(chat().atPriority(1).inScenario(scenario).whenScenarioStateIs("limited")
                    .withRequestBody(containing(prompt)).withRequestBody(notContaining("CritiqueRequest:"))
                    .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}"))
                    .willSetStateTo("recovered"));
        }

        JsonPath run = Api.awaitRun(Api.startRun(Api.createConstitution(), prompts, 1));

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(4);
        var answers = model.rawRequestsContaining("flaky 0 " + token).stream()
                .filter(r -> !r.getBodyAsString().contains("CritiqueRequest:")).toList();
        assertThat(answers).hasSize(3);
        // the call after the 429 waited for its Retry-After
        assertThat(answers.get(1).getLoggedDate().getTime() - answers.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(900);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("cai_model_errors_total{status=\"429\"}", "cai_model_errors_total{status=\"503\"}",
                "cai_model_calls_in_flight", "cai_pipeline_queue_depth");
        // busy answers are retried by the endpoint guard (until the stage budget), not by the AI service's @Retry
        assertThat(metrics).containsPattern("ft_retry_retries_total\\{[^}]*model endpoint busy[^}]*} [1-9]");
        // every endpoint slot came back, those of the calls answered 429 and 503 included
        assertThat(metrics).containsPattern("cai_model_calls_in_flight(\\{[^}]*})? 0\\.0")
                .containsPattern("cai_model_calls_slot_held_seconds_count(\\{[^}]*})? [1-9]");
    }

    @Test
    void shouldStreamProgressUntilTheRunEnds() {
        String token = UUID.randomUUID().toString();
        slowReplies(token, 100);
        String runId = Api.startRun(Api.createConstitution(),
                IntStream.range(0, 12).mapToObj(i -> i + " " + token).toList(), 1);

        String stream = given().accept("text/event-stream").when().get("/api/runs/" + runId + "/events")
                .then().statusCode(200).extract().asString();

        List<JsonPath> events = stream.lines().filter(l -> l.startsWith("data:"))
                .map(l -> new JsonPath(l.substring(5))).toList();
        assertThat(events.size()).isGreaterThanOrEqualTo(2);
        JsonPath last = events.get(events.size() - 1);
        assertThat(last.getString("status")).isEqualTo("COMPLETED");
        assertThat(last.getInt("completed")).isEqualTo(12);
        assertThat(last.getInt("pending")).isZero();
        assertThat(last.getDouble("samplesPerSecond")).isPositive();
        assertThat(last.getLong("etaSeconds")).isZero();
        assertThat(events.get(0).getInt("total")).isEqualTo(12);
        given().accept("text/event-stream").get("/api/runs/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    private void slowReplies(String token, int delayMs) {
        model.server().stubFor(chat().atPriority(3).withRequestBody(containing(token))
                .willReturn(ModelStub.completion(ModelStub.ANSWER).withFixedDelay(delayMs)));
    }

    private static List<UUID> sampleIds(String runId) {
        return given().get("/api/runs/" + runId + "/samples?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class).stream().map(UUID::fromString).toList();
    }

    private static SampleStatus status(UUID sampleId) {
        return QuarkusTransaction.requiringNew().call(() -> Sample.<Sample>findById(sampleId).status);
    }

}
