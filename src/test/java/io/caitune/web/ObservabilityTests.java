package io.caitune.web;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ObservabilityTests {

    @Test
    void shouldReportReadinessIncludingTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")));
    }

    @Test
    void shouldExposeStageTimersAndSampleCounters() {
        Api.awaitRun(Api.startRun(Api.createConstitution(), List.of("metrics please"), 1));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cai_pipeline_stage_seconds_count{model=\"HuggingFaceH4/zephyr-7b-beta\",outcome=\"success\",stage=\"answer\"}"))
                .body(containsString("stage=\"critique\""))
                .body(containsString("stage=\"revision\""))
                .body(containsString("cai_pipeline_samples_total{model=\"HuggingFaceH4/zephyr-7b-beta\",outcome=\"completed\"}"));
    }

    @Test
    void shouldDescribeTheApiInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs/{id}/export"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/datasets"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void shouldNeverRevealTheProviderToken() {
        Api.awaitRun(Api.startRun(Api.createConstitution(), List.of("secret check"), 1));
        given().get("/q/metrics").then().body(not(containsString(ModelStubResource.API_KEY)));
        given().get("/api/runs").then().body(not(containsString(ModelStubResource.API_KEY)));
        given().get("/q/openapi").then().body(not(containsString(ModelStubResource.API_KEY)));
    }
}
