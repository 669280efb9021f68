package io.caitune.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.caitune.testing.ModelStub.chat;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class PipelineTests {

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldAnswerCritiqueAndReviseEveryPromptForEveryRound() {
        String token = UUID.randomUUID().toString();
        String constitution = Api.createConstitution();
        List<String> prompts = List.of("First " + token, "Second " + token, "Third " + token);

        String runId = Api.startRun(constitution, prompts, 2);
        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("total")).isEqualTo(3);
        assertThat(run.getInt("completed")).isEqualTo(3);
        assertThat(run.getInt("failed")).isZero();
        assertThat(run.getString("startedAt")).isNotNull();
        assertThat(run.getString("finishedAt")).isNotNull();

        List<JsonNode> requests = model.requestsContaining(token);
        // one answer, then a critique and a revision per round, for each of the three prompts
        assertThat(requests).hasSize(3 * (1 + 2 * 2));
        List<JsonNode> critiques = requests.stream()
                .filter(r -> ModelStub.message(r, "user").contains("CritiqueRequest:")
                        && !ModelStub.message(r, "user").contains("RevisionRequest:"))
                .toList();
        List<JsonNode> revisions = requests.stream()
                .filter(r -> ModelStub.message(r, "user").contains("RevisionRequest:")).toList();
        assertThat(critiques).hasSize(6);
        assertThat(revisions).hasSize(6);
        assertThat(critiques).allSatisfy(r -> {
            assertThat(ModelStub.message(r, "system")).isEqualTo("You critique answers.");
            // the worked example is a user turn and an assistant turn before the real request
            assertThat(r.get("messages").get(1).get("content").asText()).startsWith("Human: Example prompt");
            assertThat(ModelStub.message(r, "assistant")).isEqualTo("Critique: Example critique");
            assertThat(ModelStub.message(r, "user"))
                    .containsAnyOf("CritiqueRequest: Identify ways the answer is harmful.",
                            "CritiqueRequest: Point out anything dishonest.");
        });
        assertThat(revisions).allSatisfy(r -> assertThat(ModelStub.message(r, "user"))
                .contains("Critique: " + ModelStub.CRITIQUE)
                .containsAnyOf("RevisionRequest: Rewrite it to remove harm.", "RevisionRequest: Rewrite it to be honest."));

        // the second round critiques the first round's revision, not the initial answer
        JsonPath samples = given().get("/api/runs/" + runId + "/samples").then().statusCode(200)
                .body("total", is(3)).body("items", hasSize(3)).extract().jsonPath();
        assertThat(samples.getString("items[0].prompt")).isEqualTo(prompts.get(0));
        assertThat(samples.getString("items[0].status")).isEqualTo("COMPLETED");
        assertThat(samples.getString("items[0].initialAnswer")).isEqualTo(ModelStub.ANSWER);
        assertThat(samples.getList("items[0].rounds")).hasSize(2);
        assertThat(samples.getString("items[0].rounds[0].critique")).isEqualTo(ModelStub.CRITIQUE);
        assertThat(samples.getString("items[0].rounds[0].revision")).isEqualTo(ModelStub.REVISION);
        assertThat(samples.getString("items[0].finalRevision")).isEqualTo(ModelStub.REVISION);
        assertThat(samples.getList("items.rounds.flatten().principle", String.class))
                .allMatch(p -> p.equals("harm") || p.equals("honesty"));
        // two rounds over two principles: each principle once per prompt
        for (int i = 0; i < 3; i++) {
            assertThat(samples.getList("items[" + i + "].rounds.principle", String.class))
                    .containsExactlyInAnyOrder("harm", "honesty");
        }
        String secondRoundCritique = critiques.stream().map(r -> ModelStub.message(r, "user"))
                .filter(u -> u.contains("Human: " + prompts.get(0)) && u.contains("Assistant: " + ModelStub.REVISION))
                .findFirst().orElseThrow();
        assertThat(secondRoundCritique).doesNotContain("Assistant: " + ModelStub.ANSWER);
    }

    @Test
    void shouldParseEachPromptTemplateOnceAndNotOncePerModelCall() {
        String constitution = Api.createConstitution();
        assertThat(Api.awaitRun(Api.startRun(constitution, List.of("One", "Two"), 1)).getString("status"))
                .isEqualTo("COMPLETED");
        long parsed = ParsedPromptTemplates.parsedCount();
        // the service's factory is the one the AI services use
        assertThat(parsed).isPositive();

        String runId = Api.startRun(constitution, List.of("Three", "Four", "Five", "Six"), 2);
        assertThat(Api.awaitRun(runId).getString("status")).isEqualTo("COMPLETED");

        // 4 × 5 more model calls, and no template parsed again
        assertThat(ParsedPromptTemplates.parsedCount()).isEqualTo(parsed);
    }

    @Test
    void shouldFailOnlyTheSampleWhoseModelCallFails() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("FAIL-ME"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        String runId = Api.startRun(Api.createConstitution(),
                List.of("ok one " + token, "FAIL-ME " + token, "ok two " + token), 1);

        JsonPath run = Api.awaitRun(runId);

        assertThat(run.getString("status")).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(run.getInt("completed")).isEqualTo(2);
        assertThat(run.getInt("failed")).isEqualTo(1);
        given().get("/api/runs/" + runId + "/samples?status=FAILED").then().statusCode(200)
                .body("total", is(1))
                .body("items[0].prompt", equalTo("FAIL-ME " + token))
                .body("items[0].error", containsString("HTTP 500 from the model endpoint: {\"error\":\"boom\"}"))
                .body("items[0].initialAnswer", org.hamcrest.Matchers.nullValue());
        // @Retry makes 4 attempts, the provider client tries each twice; then the sample is given up
        assertThat(model.requestsContaining("FAIL-ME " + token)).hasSize(8);
    }

    @Test
    void shouldMarkTheRunFailedWhenEverySampleFails() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(token))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad request\"}")));
        JsonPath run = Api.awaitRun(Api.startRun(Api.createConstitution(), List.of("only " + token), 1));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getInt("failed")).isEqualTo(1);
        // a 4xx is not retried
        assertThat(model.requestsContaining(token)).hasSize(1);
    }

    @Test
    void shouldPassBracesAndTemplateSyntaxThroughLiterally() {
        String token = UUID.randomUUID().toString();
        String prompt = "Explain {name}, {{double}}, {#if x}y{/if} and {it.foo} in Python f\"{value}\" " + token;
        String constitution = Api.createConstitution("""
                {"principles": [{"critique": "Check {braces} stay {#for}", "revision": "Keep {{them}}"}]}
                """);

        Api.awaitRun(Api.startRun(constitution, List.of(prompt), 1));

        List<JsonNode> requests = model.requestsContaining(token);
        assertThat(requests).hasSize(3);
        assertThat(ModelStub.message(requests.get(0), "user")).isEqualTo(prompt);
        assertThat(ModelStub.message(requests.get(1), "user"))
                .contains("Human: " + prompt).contains("CritiqueRequest: Check {braces} stay {#for}");
        assertThat(ModelStub.message(requests.get(2), "user")).contains("RevisionRequest: Keep {{them}}");
    }

    @Test
    void shouldSendPerRunModelSettingsToTheProvider() {
        String token = UUID.randomUUID().toString();
        String runId = Api.startRun(Map.of("constitutionId", Api.createConstitution(), "prompts",
                List.of("settings " + token), "model",
                Map.of("id", "my-org/my-model", "temperature", 0.2, "maxNewTokens", 64, "topP", 0.9)));
        Api.awaitRun(runId);

        List<JsonNode> requests = model.requestsContaining(token);
        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isEqualTo("my-org/my-model");
            assertThat(r.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(r.get("max_completion_tokens").asInt()).isEqualTo(64);
            assertThat(r.has("max_tokens")).isFalse();
            assertThat(r.get("top_p").asDouble()).isEqualTo(0.9);
        });
        assertThat(model.rawRequestsContaining(token))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + ModelStubResource.API_KEY));
        given().get("/api/runs/" + runId).then().body("model.id", equalTo("my-org/my-model"));
    }

    @Test
    void shouldUseTheConfiguredModelByDefault() {
        String token = UUID.randomUUID().toString();
        Api.awaitRun(Api.startRun(Api.createConstitution(), List.of("default " + token), 1));
        assertThat(model.requestsContaining(token)).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isEqualTo("HuggingFaceH4/zephyr-7b-beta");
            assertThat(r.get("temperature").asDouble()).isEqualTo(0.7);
            // the current key (chat-model.max-completion-tokens), not the deprecated max-tokens
            assertThat(r.get("max_completion_tokens").asInt()).isEqualTo(512);
            assertThat(r.has("max_tokens")).isFalse();
        });
    }

    @Test
    void shouldDrawTheSamePrinciplesForTheSameSeed() {
        String constitution = Api.createConstitution("""
                {"principles": [
                  {"name": "p1", "critique": "c1", "revision": "r1"}, {"name": "p2", "critique": "c2", "revision": "r2"},
                  {"name": "p3", "critique": "c3", "revision": "r3"}, {"name": "p4", "critique": "c4", "revision": "r4"}]}
                """);
        List<String> prompts = List.of("a", "b", "c", "d", "e", "f");
        Map<String, Object> request = Map.of("constitutionId", constitution, "prompts", prompts, "seed", 7,
                "revisions", 3);
        List<String> first = principles(Api.startRun(request));
        List<String> second = principles(Api.startRun(request));

        assertThat(first).hasSize(18).isEqualTo(second);
        assertThat(first).containsAnyOf("p1", "p2").containsAnyOf("p3", "p4");
    }

    @Test
    void shouldCancelARunAndRefuseASecondCancel() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing(token))
                .willReturn(ModelStub.completion("slow").withFixedDelay(400)));
        List<String> prompts = java.util.stream.IntStream.range(0, 60).mapToObj(i -> i + " " + token).toList();
        String runId = Api.startRun(Api.createConstitution(), prompts, 1);

        given().post("/api/runs/" + runId + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("status", is(409));
        // nothing new is started after the cancel: far fewer calls than 60 prompts x 3 stages
        await().pollDelay(java.time.Duration.ofMillis(800)).until(() -> true);
        assertThat(model.requestsContaining(token).size()).isLessThan(60);
    }

    private static List<String> principles(String runId) {
        Api.awaitRun(runId);
        return given().get("/api/runs/" + runId + "/samples?size=100").then().statusCode(200).extract().jsonPath()
                .getList("items.rounds.flatten().principle", String.class);
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await();
    }
}
