package io.caitune.web;

import io.caitune.testing.Api;
import io.caitune.testing.LibraryFiles;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What /q/openapi promises, and the request forms it documents. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ApiContractTests {

    @Test
    void shouldDocumentTheRealStatusCodesSchemasAndExportFormats() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(api.getMap("paths.'/api/runs'.post.responses").keySet()).containsExactlyInAnyOrder("202", "400", "401", "403", "404", "415");
        assertThat(api.getString("paths.'/api/runs'.post.responses.'202'.content.'application/json'.schema.'$ref'"))
                .endsWith("/Accepted");
        assertThat(api.getMap("paths.'/api/runs/{id}'.get.responses").keySet()).contains("200", "400", "404");
        assertThat(api.getString("paths.'/api/runs/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .endsWith("/RunView");
        assertThat(api.getMap("paths.'/api/constitutions'.post.responses").keySet())
                .containsExactlyInAnyOrder("201", "400", "401", "403", "413", "415");
        assertThat(api.getString("paths.'/api/constitutions'.post.responses.'201'.content.'application/json'.schema.'$ref'"))
                .endsWith("/ConstitutionView");
        assertThat(api.getMap("paths.'/api/constitutions'.post.requestBody.content").keySet())
                .contains("application/json", "multipart/form-data");

        String export = "paths.'/api/runs/{id}/export'.get";
        assertThat(api.getList(export + ".parameters.find { it.name == 'format' }.schema.enum", String.class))
                .containsExactly("csv", "sft-jsonl", "dpo-jsonl", "dpo-conversational-jsonl", "comparisons-csv");
        assertThat(api.getMap(export + ".responses").keySet()).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409");
        assertThat(api.getMap(export + ".responses.'200'.content").keySet())
                .containsExactlyInAnyOrder("text/csv", "application/x-ndjson");
    }

    @Test
    void shouldAcceptAConstitutionUploadedAsMultipart() {
        String id = given().multiPart("file", "educational_assistant_short.json",
                        LibraryFiles.text(LibraryFiles.EDUCATIONAL).getBytes(StandardCharsets.UTF_8), "application/json")
                .multiPart("name", "Socratic tutor")
                .post("/api/constitutions").then().statusCode(201).body("name", equalTo("Socratic tutor"))
                .body("principles.size()", equalTo(4)).body("fewShots.size()", equalTo(4))
                .body("comparisonFewShots.size()", equalTo(5)).extract().path("id");
        given().get("/api/constitutions/" + id).then().statusCode(200).body("sourceFormat", equalTo("cai-tuning-principles"));
        given().multiPart("other", "x").post("/api/constitutions").then().statusCode(400);
        given().contentType("text/plain").body("{}").post("/api/constitutions").then().statusCode(415);
    }

    @Test
    void shouldRefuseTheRevisionsCsvOfAPreferenceRunButNotOfAnSftRun() {
        String constitution = Api.createConstitution();
        String runId = Api.startRun(java.util.Map.of("constitutionId", constitution, "prompts", java.util.List.of("Hi"),
                "mode", "preference", "seed", 1));
        Api.awaitRun(runId);
        given().get("/api/runs/" + runId + "/export?format=csv").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("dpo-jsonl"));
        given().get("/api/runs/" + runId + "/export?format=sft-jsonl").then().statusCode(200);
    }
}
