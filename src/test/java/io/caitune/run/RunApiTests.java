package io.caitune.run;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class RunApiTests {

    static final String UNKNOWN = "6b1e3e0c-0000-4000-8000-000000000000";

    @Test
    void shouldAcceptARunAndReportItsProgress() {
        String constitution = Api.createConstitution();
        String location = given().contentType(ContentType.JSON)
                .body(Map.of("constitutionId", constitution, "prompts", List.of("Hi there")))
                .when().post("/api/runs")
                .then().statusCode(202)
                .body("id", notNullValue())
                .body("status", equalTo("QUEUED"))
                .header("Location", containsString("/api/runs/"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        Api.awaitRun(id);
        given().get(location).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("COMPLETED"))
                .body("total", equalTo(1)).body("completed", equalTo(1)).body("failed", equalTo(0))
                .body("revisions", equalTo(1))
                .body("seed", notNullValue())
                .body("createdAt", notNullValue()).body("startedAt", notNullValue()).body("finishedAt", notNullValue());
        given().get("/api/runs").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void shouldRejectInvalidRunsNamingTheFieldAndStoreNothing() {
        String constitution = Api.createConstitution();
        int before = Api.count("/api/runs");

        post(Map.of("prompts", List.of("x"))).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("constitutionId"))
                .body("detail", containsString("constitutionId: is required"));
        post(Map.of("constitutionId", constitution)).then().statusCode(400)
                .body("detail", containsString("either 'datasetId' or a non-empty 'prompts'"));
        post(Map.of("constitutionId", constitution, "prompts", List.of("x"), "datasetId", UNKNOWN)).then()
                .statusCode(400);
        post(Map.of("constitutionId", constitution, "prompts", List.of("x"), "model", Map.of("temperature", 5)))
                .then().statusCode(400).body("errors.field", hasItem("model.temperature"));
        post(Map.of("constitutionId", constitution, "prompts", List.of("x"), "revisions", 0)).then().statusCode(400)
                .body("errors.field", hasItem("revisions"));
        post(Map.of("constitutionId", constitution, "prompts", List.of("x"), "revisions", 11)).then().statusCode(400)
                .body("detail", containsString("at most 10"));
        post(Map.of("constitutionId", constitution, "prompts", List.of("ok", " "))).then().statusCode(400)
                .body("errors.field[0]", containsString("prompts"));
        post(Map.of("constitutionId", UNKNOWN, "prompts", List.of("x"))).then().statusCode(404)
                .body("detail", equalTo("Constitution " + UNKNOWN + " does not exist"));
        post(Map.of("constitutionId", constitution, "datasetId", UNKNOWN)).then().statusCode(404)
                .body("detail", equalTo("Dataset " + UNKNOWN + " does not exist"));

        assertThat(Api.count("/api/runs")).isEqualTo(before);
    }

    @Test
    void shouldRejectMalformedJsonSayingWhere() {
        given().contentType(ContentType.JSON).body("{\"constitutionId\": \"" + UNKNOWN + "\",\n \"prompts\": [\"a\" \"b\"]}")
                .when().post("/api/runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Malformed JSON"))
                .body("detail", containsString("line 2"));
        given().contentType(ContentType.JSON).body("{\"constitutionId\": \"not-a-uuid\", \"prompts\": [\"a\"]}")
                .when().post("/api/runs")
                .then().statusCode(400).body("detail", containsString("constitutionId"));
        given().contentType(ContentType.JSON).body("{\"constitutionId\": \"" + UNKNOWN + "\", \"revisions\": \"two\"}")
                .when().post("/api/runs")
                .then().statusCode(400).body("detail", containsString("revisions"));
    }

    @Test
    void shouldAnswer404ForUnknownRuns() {
        given().get("/api/runs/" + UNKNOWN).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/runs/" + UNKNOWN + "/samples").then().statusCode(404);
        given().get("/api/runs/" + UNKNOWN + "/export").then().statusCode(404);
        given().post("/api/runs/" + UNKNOWN + "/cancel").then().statusCode(404);
    }

    @Test
    void shouldPageSamplesAndRejectBadPages() {
        String runId = Api.startRun(Api.createConstitution(), List.of("a", "b", "c", "d", "e"), 1);
        Api.awaitRun(runId);
        given().get("/api/runs/" + runId + "/samples?page=1&size=2").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items.prompt", org.hamcrest.Matchers.contains("c", "d"))
                .body("items.index", org.hamcrest.Matchers.contains(2, 3));
        given().get("/api/runs/" + runId + "/samples?size=0").then().statusCode(400);
        given().get("/api/runs/" + runId + "/samples?page=-1").then().statusCode(400);
        given().get("/api/runs/" + runId + "/samples?size=501").then().statusCode(400);
        given().get("/api/runs/" + runId + "/samples?status=BOGUS").then().statusCode(400)
                .body("detail", containsString("Unknown sample status"));
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/runs");
    }
}
