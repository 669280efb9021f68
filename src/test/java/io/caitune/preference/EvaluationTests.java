package io.caitune.preference;

import io.caitune.evaluation.Wilson;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.caitune.testing.ModelStub.completion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class EvaluationTests {

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldJudgeRevisionsAgainstInitialAnswersPerPrincipleInBothOrders() {
        String token = UUID.randomUUID().toString();
        String constitution = Api.createConstitution("""
                {"principles": [{"critique": "Critique it.", "revision": "Revise it."}],
                 "comparisonPrinciples": ["KIND: which response is kinder?", "BIASED: which response is shorter?"]}""");
        List<String> prompts = List.of("one " + token, "two " + token, "three " + token);
        String runId = Api.startRun(constitution, prompts, 1);
        Api.awaitRun(runId);

        String revisionFirst = "(A) [[[" + ModelStub.REVISION.replace("\n", "\\n").replace("\"", "\\\"");
        // KIND: the revision wins in both orders; BIASED: always (A), so the orders disagree
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(Feedback.MARKER))
                .withRequestBody(containing("KIND:")).withRequestBody(containing(revisionFirst))
                .willReturn(completion("(A)")));
        model.server().stubFor(chat().atPriority(2).withRequestBody(containing(Feedback.MARKER))
                .withRequestBody(containing("KIND:")).willReturn(completion("The answer is (B).")));
        model.server().stubFor(chat().atPriority(2).withRequestBody(containing(Feedback.MARKER))
                .withRequestBody(containing("BIASED:")).willReturn(completion("(A)")));

        String id = given().contentType("application/json").body(Map.of("samples", 2, "seed", 5))
                .post("/api/runs/" + runId + "/evaluations").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/evaluations/"))
                .extract().path("id");
        JsonPath evaluation = awaitEvaluation(id);

        assertThat(evaluation.getString("status")).isEqualTo("COMPLETED");
        assertThat(evaluation.getInt("samples")).isEqualTo(2);
        // 2 prompts x 2 principles x 2 orders
        assertThat(model.requestsContaining(Feedback.MARKER).stream()
                .filter(r -> ModelStub.message(r, "user").contains(token))).hasSize(8);
        assertThat(evaluation.getInt("overall.wins")).isEqualTo(2);
        assertThat(evaluation.getInt("overall.losses")).isZero();
        assertThat(evaluation.getInt("overall.disagreed")).isEqualTo(2);
        assertThat(evaluation.getDouble("overall.winRate")).isEqualTo(1.0);
        assertThat(evaluation.getDouble("overall.lower"))
                .isCloseTo(Wilson.interval(2, 2, Wilson.Z95).lower(), within(1e-6));
        assertThat(evaluation.getDouble("overall.disagreementRate")).isEqualTo(0.5);
        assertThat(evaluation.getList("principles.principle"))
                .containsExactly("KIND: which response is kinder?", "BIASED: which response is shorter?");
        assertThat(evaluation.getInt("principles[0].result.wins")).isEqualTo(2);
        assertThat(evaluation.getDouble("principles[0].result.disagreementRate")).isZero();
        assertThat(evaluation.getDouble("principles[1].result.disagreementRate")).isEqualTo(1.0);
        assertThat(evaluation.getString("principles[1].result.winRate")).isNull();

        List<String> listed = given().get("/api/runs/" + runId + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertThat(listed).containsExactly(id);
    }

    @Test
    void shouldRefuseToEvaluateAPreferenceRunOrAnUnknownOne() {
        String token = UUID.randomUUID().toString();
        String runId = PreferenceRunTests.startPreferenceRun("Pref " + token, Map.of());
        Api.awaitRun(runId);
        given().contentType("application/json").body("{}").post("/api/runs/" + runId + "/evaluations").then()
                .statusCode(409).contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/api/runs/" + UUID.randomUUID() + "/evaluations")
                .then().statusCode(404);
        given().get("/api/evaluations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldJudgeAnImportedPreferenceDatasetsChosenAnswersAgainstItsRejectedOnes() {
        String token = UUID.randomUUID().toString();
        String constitution = Api.createConstitution("""
                {"principles": [{"critique": "Critique it.", "revision": "Revise it."}],
                 "comparisonPrinciples": ["KIND: which response is kinder?"]}""");
        // the library's DPO CSV; the unclear row is no pair and is not judged
        String csv = "prompt,chosen,rejected\n"
                + "First " + token + ",Kind one " + token + ",Rude one " + token + "\n"
                + "Second " + token + ",Kind two " + token + ",Rude two " + token + "\n"
                + "Third " + token + ",--unclear--,--unclear--\n"
                + "Fourth " + token + ",Kind four " + token + ",Rude four " + token + "\n";
        String datasetId = given().contentType("text/csv").body(csv).post("/api/datasets").then().statusCode(201)
                .extract().path("id");
        // the feedback model prefers the chosen answer in both orders, except for the fourth pair, where it always
        // answers (A): the orders disagree there
        model.server().stubFor(Feedback.askedWithA(token, "Kind").atPriority(1).willReturn(completion("(A)")));
        model.server().stubFor(chat().atPriority(2).withRequestBody(containing(Feedback.MARKER))
                .withRequestBody(containing("Fourth " + token)).willReturn(completion("(A)")));
        model.server().stubFor(chat().atPriority(3).withRequestBody(containing(Feedback.MARKER))
                .withRequestBody(containing(token)).willReturn(completion("The answer is (B).")));

        String id = given().contentType("application/json")
                .body(Map.of("constitutionId", constitution, "seed", 3, "model", "judge-" + token))
                .post("/api/datasets/" + datasetId + "/evaluations").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/evaluations/"))
                .extract().path("id");
        JsonPath evaluation = awaitEvaluation(id);

        assertThat(evaluation.getString("status")).isEqualTo("COMPLETED");
        assertThat(evaluation.getString("datasetId")).isEqualTo(datasetId);
        assertThat(evaluation.getString("constitutionId")).isEqualTo(constitution);
        assertThat(evaluation.getString("runId")).isNull();
        assertThat(evaluation.getString("winRateOf")).isEqualTo("chosen");
        assertThat(evaluation.getInt("samples")).isEqualTo(3);
        // 3 pairs x 1 principle x 2 orders, all to the named feedback model, the rejected answer first in one order
        List<com.fasterxml.jackson.databind.JsonNode> asked = model.requestsContaining(Feedback.MARKER).stream()
                .filter(r -> ModelStub.message(r, "user").contains(token)).toList();
        assertThat(asked).hasSize(6)
                .allSatisfy(r -> assertThat(r.path("model").asText()).isEqualTo("judge-" + token));
        assertThat(asked).filteredOn(r -> ModelStub.message(r, "user").contains("(A) [[[Rude one")).hasSize(1);
        assertThat(evaluation.getInt("overall.wins")).isEqualTo(2);
        assertThat(evaluation.getInt("overall.losses")).isZero();
        assertThat(evaluation.getInt("overall.disagreed")).isEqualTo(1);
        assertThat(evaluation.getDouble("overall.winRate")).isEqualTo(1.0);
        assertThat(evaluation.getList("principles.principle")).containsExactly("KIND: which response is kinder?");

        assertThat(given().get("/api/datasets/" + datasetId + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("id")).containsExactly(id);
        assertThat(given().get("/api/evaluations/" + id).then().statusCode(200).extract().jsonPath()
                .getString("winRateOf")).isEqualTo("chosen");
    }

    @Test
    void shouldRefuseADatasetEvaluationWithoutPairsOrConstitution() {
        String constitution = Api.createConstitution();
        String plain = given().contentType("text/csv").body("prompt\nJust a prompt\n").post("/api/datasets")
                .then().statusCode(201).extract().path("id");
        int before = given().get("/api/datasets/" + plain + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("id").size();
        given().contentType("application/json").body(Map.of("constitutionId", constitution))
                .post("/api/datasets/" + plain + "/evaluations").then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/api/datasets/" + plain + "/evaluations").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("constitutionId", UUID.randomUUID()))
                .post("/api/datasets/" + plain + "/evaluations").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("constitutionId", constitution))
                .post("/api/datasets/" + UUID.randomUUID() + "/evaluations").then().statusCode(404);
        given().contentType("application/json").body(Map.of("constitutionId", constitution, "samples", 0))
                .post("/api/datasets/" + plain + "/evaluations").then().statusCode(400);
        // nothing half-stored
        assertThat(given().get("/api/datasets/" + plain + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("id")).hasSize(before);
    }

    private static JsonPath awaitEvaluation(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !"RUNNING"
                .equals(given().get("/api/evaluations/" + id).then().statusCode(200).extract().path("status")));
        return given().get("/api/evaluations/" + id).then().statusCode(200).extract().jsonPath();
    }
}
