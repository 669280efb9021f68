package io.caitune.packaged;

import io.caitune.testing.Users;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;

import io.caitune.testing.Api;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service (target/quarkus-app, run as its own process) takes a dataset through a whole run against a
 * model endpoint, as a replica does in its first minutes. With {@code -Paot} on JDK 25 this is also the training run
 * of the AOT cache: Quarkus records it and writes app.aot when the process ends, so the prompt count
 * ({@code caitest.it.prompts}, 3,000 there) is sized to cover the pipeline's hot path, not just start-up.
 */
@QuarkusIntegrationTest
@WithTestResource(StandInModelResource.class)
class PackagedPipelineIT {

    private static final Pattern STAGE_CALLS = Pattern.compile(
            "cai_pipeline_stage_seconds_count\\{[^}]*outcome=\"success\"[^}]*} ([0-9.]+)");

    @BeforeEach
    void signIn() {
        // the packaged service runs the prod profile: every call signs in (StandInModelResource configures admin)
        RestAssured.authentication = RestAssured.preemptive().basic(Users.ADMIN, Users.password(Users.ADMIN));
    }

    @Test
    void aDatasetRunGoesThroughThePackagedService() {
        int prompts = Integer.getInteger("caitest.it.prompts", 300);
        String constitution = Api.createConstitution();
        String csv = "id,prompt\n" + IntStream.range(0, prompts).mapToObj(i -> "p" + i + ",Packaged prompt " + i)
                .collect(Collectors.joining("\n"));
        String dataset = given().contentType("text/csv").body(csv).when().post("/api/datasets")
                .then().statusCode(201).extract().path("id");
        String run = Api.startRun(Map.of("constitutionId", constitution, "datasetId", dataset, "revisions", 1,
                "seed", 7));

        JsonPath done = Api.awaitRun(run, Duration.ofMinutes(10));

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getInt("completed")).isEqualTo(prompts);
        assertThat(done.getInt("failed")).isZero();
        // one answer, one critique, one revision per prompt, each asked once
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double calls = 0;
        for (Matcher m = STAGE_CALLS.matcher(metrics); m.find(); ) {
            calls += Double.parseDouble(m.group(1));
        }
        assertThat(calls).isEqualTo(3.0 * prompts);
        JsonPath page = given().get("/api/runs/" + run + "/samples?page=0&size=5").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items.finalRevision")).hasSize(5).doesNotContainNull();
        String jsonl = given().get("/api/runs/" + run + "/export?format=sft-jsonl").then().statusCode(200)
                .extract().asString();
        assertThat(jsonl.lines().count()).isEqualTo(prompts);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
