package io.caitune.storage;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The same flow as on H2, against PostgreSQL: Flyway schema, Panache writes, counts, paging and exports. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@WithTestResource(ModelStubResource.class)
class PostgresStorageTests {

    @Test
    void shouldRunTheWholePipelineOnPostgres() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String constitution = Api.createConstitution();
        String datasetId = given().contentType("text/csv")
                .body("id,prompt,topic\n7,\"Hello, world\nsecond line\",greeting\n8,Bye,farewell\n"
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/api/datasets").then().statusCode(201).extract().path("id");

        String runId = Api.startRun(Map.of("constitutionId", constitution, "datasetId", datasetId, "revisions", 2,
                "seed", 3));
        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(2);
        JsonPath samples = given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract().jsonPath();
        assertThat(samples.getList("items.promptId", String.class)).containsExactly("7", "8");
        assertThat(samples.getString("items[0].prompt")).isEqualTo("Hello, world\nsecond line");
        assertThat(samples.getMap("items[0].metadata")).containsEntry("topic", "greeting");
        assertThat(samples.getList("items[1].rounds")).hasSize(2);
        given().get("/api/runs/" + runId + "/export?format=csv").then().statusCode(200)
                .body(containsString(ModelStub.REVISION.replace("\"", "\"\"")));
    }

    @Test
    void shouldStoreNothingFromARejectedDatasetOnPostgres() {
        int before = Api.count("/api/datasets");
        given().contentType("text/csv").body("prompt\nfine\n\"unterminated\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/datasets").then().statusCode(400)
                .body("detail", containsString("Malformed CSV: Missing closing quote"));
        assertThat(Api.count("/api/datasets")).isEqualTo(before);
    }
}
