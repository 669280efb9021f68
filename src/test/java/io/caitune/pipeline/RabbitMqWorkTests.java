package io.caitune.pipeline;

import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The same pipeline with its work items going through a real RabbitMQ broker. */
@QuarkusTest
@TestProfile(RabbitMqProfile.class)
@WithTestResource(ModelStubResource.class)
class RabbitMqWorkTests {

    @InjectModelStub
    ModelStub model;

    @Test
    void shouldProcessEveryPromptOnceThroughRabbitMq() {
        model.reset();
        String token = UUID.randomUUID().toString();
        List<String> prompts = IntStream.range(0, 30).mapToObj(i -> i + " " + token).toList();

        JsonPath run = Api.awaitRun(Api.startRun(Api.createConstitution(), prompts, 1));

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("completed")).isEqualTo(30);
        assertThat(model.requestsContaining(token)).hasSize(30 * 3);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }
}
