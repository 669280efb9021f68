package io.caitune.pipeline;

import io.caitune.testing.Api;
import io.caitune.testing.BusyEndpoint;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.caitune.testing.ModelStub.completion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint as it is on a busy day: rate limits beyond a small cap and 503s never fail a sample; a refused key
 * pauses the run with a redacted reason; provider text never carries a secret into the database, the API or the log;
 * a failed sample always says what the endpoint answered.
 */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class EndpointResilienceTests {

    // built at run time: a stand-in with the shape of a Hugging Face token, not one committed as a literal
    private static final String ECHOED_TOKEN = "hf" + "_" + "echoed".repeat(6);

    @InjectModelStub
    ModelStub model;

    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            log.add(String.valueOf(text));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                log.add(String.valueOf(t));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogAndResetModel() {
        model.reset();
        BusyEndpoint.INSTANCE.reset();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldCompleteEverySampleWhenTheEndpointRateLimitsBeyondASmallCapAndAnswers503s() {
        String token = UUID.randomUUID().toString();
        // three in flight at most, Retry-After: 1 beyond that, and every fifth accepted call a 503
        var busy = BusyEndpoint.settings(3, 30, 5, "1");
        model.server().stubFor(chat().atPriority(3).withRequestBody(containing(token))
                .willReturn(completion(ModelStub.ANSWER).withTransformers(BusyEndpoint.NAME)
                        .withTransformerParameters(busy))); // answer
        model.server().stubFor(chat().atPriority(2).withRequestBody(containing(token))
                .withRequestBody(containing("CritiqueRequest:"))
                .willReturn(completion("Critique: " + ModelStub.CRITIQUE).withTransformers(BusyEndpoint.NAME)
                        .withTransformerParameters(busy)));
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(token))
                .withRequestBody(containing("RevisionRequest:"))
                .willReturn(completion("Revision: " + ModelStub.REVISION).withTransformers(BusyEndpoint.NAME)
                        .withTransformerParameters(busy)));
        List<String> prompts = IntStream.range(0, 30).mapToObj(i -> "busy " + i + " " + token).toList();

        JsonPath run = Api.awaitRun(Api.startRun(Api.createConstitution(), prompts, 1), Duration.ofMinutes(3));

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(30);
        assertThat(run.getInt("failed")).isZero();
        assertThat(BusyEndpoint.INSTANCE.rateLimited()).as("429s answered").isPositive();
        assertThat(BusyEndpoint.INSTANCE.unavailable()).as("503s answered").isPositive();
        assertThat(BusyEndpoint.INSTANCE.answered()).isEqualTo(90);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).containsPattern("cai_model_concurrency_limit(\\{[^}]*})? [0-9]");
        // the limit came down from its start (16 in tests) on the 429s
        assertThat(log).anyMatch(line -> line.contains("concurrency limit lowered"));
    }

    @Test
    void shouldPauseTheRunWhenTheEndpointRefusesTheKeyAndContinueOnResume() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(token)).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Invalid credentials in Authorization header: Bearer "
                        + ModelStubResource.API_KEY + "\",\"token\":\"" + ECHOED_TOKEN + "\"}")));
        List<String> prompts = IntStream.range(0, 6).mapToObj(i -> "locked " + i + " " + token).toList();
        String runId = Api.startRun(Api.createConstitution(), prompts, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(
                given().get("/api/runs/" + runId).then().extract().path("status")));
        JsonPath paused = given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
        assertThat(paused.getString("error")).contains("401", "Invalid credentials", "resume")
                .doesNotContain(ModelStubResource.API_KEY, ECHOED_TOKEN);
        assertThat(paused.getInt("failed")).as("no sample burnt on a refused key").isZero();
        String samples = given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract().asString();
        assertThat(samples).doesNotContain(ModelStubResource.API_KEY, ECHOED_TOKEN);
        assertThat(model.requestsContaining(token).size()).as("the run stopped calling").isLessThan(3 * 6);

        model.reset(); // the key was fixed
        given().post("/api/runs/" + runId + "/resume").then().statusCode(200);
        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(6);
        assertThat(run.getString("error")).isNull();
        assertThat(log).noneMatch(line -> line.contains(ModelStubResource.API_KEY) || line.contains(ECHOED_TOKEN));
        assertThat(log).anyMatch(line -> line.contains("Run " + runId + " paused"));
    }

    @Test
    void shouldRedactTokensEchoedInAProviderErrorFromSamplesApiAndLog() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(token)).willReturn(aResponse()
                .withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"upstream failed\",\"request\":{\"headers\":{\"Authorization\":\"Bearer "
                        + ModelStubResource.API_KEY + "\"}},\"echo\":\"" + ECHOED_TOKEN + "\"}")));
        String runId = Api.startRun(Api.createConstitution(), List.of("echo " + token), 1);

        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        String error = given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract()
                .path("items[0].error");
        assertThat(error).startsWith("HTTP 500 from the model endpoint: ").contains("upstream failed", "[REDACTED]")
                .doesNotContain(ModelStubResource.API_KEY, ECHOED_TOKEN);
        String everything = given().get("/api/runs/" + runId + "/samples").then().extract().asString()
                + given().get("/api/runs/" + runId).then().extract().asString()
                + given().get("/api/runs/" + runId + "/export?format=csv").then().extract().asString();
        assertThat(everything).doesNotContain(ModelStubResource.API_KEY, ECHOED_TOKEN);
        assertThat(log).anyMatch(line -> line.contains("upstream failed"));
        assertThat(log).noneMatch(line -> line.contains(ModelStubResource.API_KEY) || line.contains(ECHOED_TOKEN));
    }

    @Test
    void shouldSayWhatTheEndpointAnsweredEvenWhenItsReplyIsEmpty() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("empty400 " + token))
                .willReturn(aResponse().withStatus(400)));
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("empty404 " + token))
                .willReturn(aResponse().withStatus(404).withBody("")));
        String runId = Api.startRun(Api.createConstitution(),
                List.of("empty400 " + token, "empty404 " + token, "fine " + token), 1);

        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED_WITH_FAILURES");
        List<String> errors = given().get("/api/runs/" + runId + "/samples?status=FAILED").then().statusCode(200)
                .extract().jsonPath().getList("items.error", String.class);
        assertThat(errors).containsExactly("HTTP 400 from the model endpoint: no message",
                "HTTP 404 from the model endpoint: no message");
    }
}
