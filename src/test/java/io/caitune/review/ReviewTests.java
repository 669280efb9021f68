package io.caitune.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ReviewTests {

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldStoreWhoAndWhenAndExportTheEditWithoutTheRejectedSample() throws Exception {
        String runId = completedRun(List.of("first prompt", "second prompt", "third prompt"));
        List<String> ids = sampleIds(runId, "size", "100");

        JsonPath edited = review(runId, ids.get(0), Map.of("decision", "ACCEPTED", "revision", "A better {answer}"))
                .statusCode(200).extract().jsonPath();
        assertThat(edited.getString("review.state")).isEqualTo("ACCEPTED");
        assertThat(edited.getString("review.revision")).isEqualTo("A better {answer}");
        // the test client signs in as admin (testing.AdminByDefault)
        assertThat(edited.getString("review.reviewer")).isEqualTo("admin");
        assertThat(edited.getString("review.reviewedAt")).isNotBlank();
        assertThat(edited.getString("finalRevision")).isEqualTo(ModelStub.REVISION);
        review(runId, ids.get(1), Map.of("decision", "REJECTED")).statusCode(200)
                .body("review.state", equalTo("REJECTED"));

        // default not-rejected: the edit replaces the revision, the rejected sample is gone, the unreviewed one stays
        List<String> sft = lines(runId, "sft-jsonl", null);
        assertThat(sft).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(sft.get(0)).at("/messages/1/content").asText()).isEqualTo("A better {answer}");
        assertThat(json.readTree(sft.get(1)).at("/messages/0/content").asText()).isEqualTo("third prompt");
        assertThat(lines(runId, "sft-jsonl", "accepted")).hasSize(1);
        assertThat(lines(runId, "sft-jsonl", "any")).hasSize(3);
        String csv = given().get("/api/runs/" + runId + "/export?format=csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("A better {answer}").contains("third prompt").doesNotContain("second prompt");
        assertThat(json.readTree(lines(runId, "dpo-jsonl", "accepted").get(0)).get("chosen").asText())
                .isEqualTo("A better {answer}");
        given().get("/api/runs/" + runId + "/export?format=csv&review=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("accepted, not-rejected, any"));

        // the review filters of the samples list, and a withdrawn review
        assertThat(sampleIds(runId, "review", "edited")).containsExactly(ids.get(0));
        assertThat(sampleIds(runId, "review", "rejected")).containsExactly(ids.get(1));
        assertThat(sampleIds(runId, "review", "pending")).containsExactly(ids.get(2));
        given().delete("/api/runs/" + runId + "/samples/" + ids.get(1) + "/review").then().statusCode(204);
        given().get("/api/runs/" + runId + "/samples/" + ids.get(1)).then().statusCode(200)
                .body("review", org.hamcrest.Matchers.nullValue());
        assertThat(lines(runId, "sft-jsonl", null)).hasSize(3);
    }

    @Test
    void shouldFilterSamplesByStatusPrincipleAndText() {
        String runId = completedRun(List.of("Tell me about 100% cotton", "FAIL-REVIEW please", "about wool"));
        assertThat(sampleIds(runId, "q", "COTTON")).hasSize(1);
        assertThat(sampleIds(runId, "q", "100%")).hasSize(1);
        assertThat(sampleIds(runId, "q", "_")).isEmpty();
        assertThat(sampleIds(runId, "q", "about")).hasSize(2);
        assertThat(sampleIds(runId, "status", "failed")).hasSize(1);
        assertThat(sampleIds(runId, "principle", "harm")).hasSize(2);
        assertThat(sampleIds(runId, "principle", "nope")).isEmpty();
        given().get("/api/runs/" + runId + "/samples?review=later").then().statusCode(400)
                .body("detail", containsString("pending, accepted, rejected, edited"));
    }

    @Test
    void shouldRefuseBadReviewsAndStoreNothing() {
        String runId = completedRun(List.of("ok prompt", "FAIL-REVIEW now"));
        String ok = sampleIds(runId, "status", "completed").get(0);
        String failed = sampleIds(runId, "status", "failed").get(0);

        review(runId, failed, Map.of("decision", "ACCEPTED")).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("FAILED"));
        review(runId, ok, Map.of("decision", "REJECTED", "revision", "x")).statusCode(400)
                .body("detail", containsString("rejected"));
        review(runId, ok, Map.of("decision", "ACCEPTED", "revision", "  ")).statusCode(400);
        review(runId, ok, Map.of("revision", "text")).statusCode(400).contentType("application/problem+json");
        review(runId, ok, Map.of("decision", "MAYBE")).statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"decision\": ").put(reviewPath(runId, ok)).then().statusCode(400);
        review(runId, UUID.randomUUID().toString(), Map.of("decision", "ACCEPTED")).statusCode(404);
        review(UUID.randomUUID().toString(), ok, Map.of("decision", "ACCEPTED")).statusCode(404);
        String otherRun = completedRun(List.of("other"));
        review(otherRun, ok, Map.of("decision", "ACCEPTED")).statusCode(404);

        given().get("/api/runs/" + runId + "/samples/" + ok).then().statusCode(200)
                .body("review", org.hamcrest.Matchers.nullValue()).body("finalRevision", notNullValue());
    }

    @Test
    void shouldPreviewAPromptFileWithoutStoringIt() {
        int datasets = Api.count("/api/datasets");
        given().contentType("text/csv").body("id,question,source\n7,How do I bake bread?,faq\n8,Why is the sky blue?,web\n")
                .queryParam("promptColumn", "question").queryParam("first", 1)
                .post("/api/datasets/preview").then().statusCode(200)
                .body("format", equalTo("csv")).body("size", equalTo(2))
                .body("columns.columns", equalTo(List.of("id", "question", "source")))
                .body("columns.promptColumn", equalTo("question")).body("columns.idColumn", equalTo("id"))
                .body("first.size()", equalTo(1)).body("first[0].id", equalTo("7"))
                .body("first[0].prompt", equalTo("How do I bake bread?"));
        given().contentType("application/x-ndjson").body("{\"instruction\": \"Sort a list\", \"input\": \"\"}\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/datasets/preview").then().statusCode(200)
                .body("format", equalTo("jsonl")).body("first[0].prompt", equalTo("Sort a list"));
        given().contentType("text/csv").body("text\nhello\n").queryParam("promptColumn", "question")
                .post("/api/datasets/preview").then().statusCode(400).body("detail", containsString("columns found: text"));
        assertThat(Api.count("/api/datasets")).isEqualTo(datasets);
    }

    private String completedRun(List<String> prompts) {
        return Api.completedRun(model, "FAIL-REVIEW", prompts);
    }

    private static List<String> sampleIds(String runId, String name, String value) {
        return given().queryParam(name, value).get("/api/runs/" + runId + "/samples").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    private static String reviewPath(String runId, String sampleId) {
        return "/api/runs/" + runId + "/samples/" + sampleId + "/review";
    }

    private static io.restassured.response.ValidatableResponse review(String runId, String sampleId,
            Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).put(reviewPath(runId, sampleId)).then();
    }

    private static List<String> lines(String runId, String format, String review) {
        var request = given().queryParam("format", format);
        if (review != null) {
            request.queryParam("review", review);
        }
        return request.get("/api/runs/" + runId + "/export").then().statusCode(200).extract().asString().lines()
                .toList();
    }
}
