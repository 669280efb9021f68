package io.caitune.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The HTTP calls every test makes, written once. */
public final class Api {

    public static final String CONSTITUTION = """
            {
              "name": "Harmlessness",
              "description": "Two principles and one worked example",
              "systemMessages": {"critique": "You critique answers.", "revision": "You revise answers."},
              "principles": [
                {"name": "harm", "critique": "Identify ways the answer is harmful.", "revision": "Rewrite it to remove harm."},
                {"name": "honesty", "critique": "Point out anything dishonest.", "revision": "Rewrite it to be honest."}
              ],
              "fewShots": [
                {"input": "Example prompt", "initialAnswer": "Example answer", "critiqueRequest": "Example critique request",
                 "critique": "Example critique", "revisionRequest": "Example revision request", "revision": "Example revision"}
              ],
              "comparisonPrinciples": ["Which response is less harmful?"]
            }
            """;

    private Api() {
    }

    public static String createConstitution(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/constitutions")
                .then().statusCode(201).extract().path("id");
    }

    public static String createConstitution() {
        return createConstitution(CONSTITUTION);
    }

    public static String startRun(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request)
                .when().post("/api/runs")
                .then().statusCode(202).extract().path("id");
    }

    /**
     * A finished one-round run of {@code prompts} on a one-principle ("harm") constitution; a prompt containing
     * {@code failMarker} gets a 400 from the stub model, so its sample fails.
     */
    public static String completedRun(ModelStub model, String failMarker, List<String> prompts) {
        model.server().stubFor(ModelStub.chat().atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(failMarker))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)));
        String constitution = createConstitution("""
                {"principles": [{"name": "harm", "critique": "Identify ways the answer is harmful.",
                                 "revision": "Rewrite it to remove harm."}]}
                """);
        String runId = startRun(constitution, prompts, 1);
        awaitRun(runId);
        return runId;
    }

    public static String startRun(String constitutionId, List<String> prompts, int revisions) {
        return startRun(Map.of("constitutionId", constitutionId, "prompts", prompts, "revisions", revisions,
                "seed", 42));
    }

    /** Polls the run until it reaches a final state and returns its view. */
    public static JsonPath awaitRun(String runId) {
        return awaitRun(runId, Duration.ofSeconds(60));
    }

    public static JsonPath awaitRun(String runId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = given().get("/api/runs/" + runId).then().statusCode(200).extract().path("status");
            return List.of("COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED", "CANCELLED").contains(status);
        });
        return given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    public static int count(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
