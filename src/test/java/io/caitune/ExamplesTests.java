package io.caitune;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The README's quick start uses the files under examples/: they must keep importing and running. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ExamplesTests {

    @Test
    void shouldRunTheReadmeQuickStartWithTheExampleFiles() throws IOException {
        String seed = Api.createConstitution(read("principles.json"));
        given().get("/api/constitutions/" + seed).then().body("principles.size()", equalTo(3))
                .body("comparisonPrinciples.size()", equalTo(2));
        String own = Api.createConstitution(read("constitution.json"));

        String csv = given().contentType("text/csv").body(Files.readAllBytes(example("prompts.csv")))
                .when().post("/api/datasets").then().statusCode(201).body("size", equalTo(4)).extract().path("id");
        given().multiPart("file", example("python_code_alpaca.jsonl").toFile())
                .when().post("/api/datasets").then().statusCode(201).body("size", equalTo(3));

        String runId = Api.startRun(Map.of("constitutionId", own, "datasetId", csv, "revisions", 2));
        assertThat(Api.awaitRun(runId).getInt("completed")).isEqualTo(4);
    }

    private static String read(String name) throws IOException {
        return Files.readString(example(name));
    }

    private static Path example(String name) {
        return Path.of("examples", name);
    }
}
