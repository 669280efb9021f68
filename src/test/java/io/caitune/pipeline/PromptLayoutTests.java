package io.caitune.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.LibraryFiles;
import io.caitune.testing.LibraryFiles.Message;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.caitune.testing.ModelStub.chat;
import static io.caitune.testing.ModelStub.completion;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact messages sent for the ConstitutionalAiTuning library's own principles file. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class PromptLayoutTests {

    private static final JsonNode EDUCATIONAL = LibraryFiles.json(LibraryFiles.EDUCATIONAL);

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldSendFewShotsAsChatTurnsExactlyAsTheLibraryDoes() {
        String token = UUID.randomUUID().toString();
        String prompt = "Why is the sky blue? " + token;
        String constitution = Api.createConstitution(LibraryFiles.text(LibraryFiles.EDUCATIONAL));
        String runId = Api.startRun(constitution, List.of(prompt), 1);
        assertThat(Api.awaitRun(runId).getString("status")).isEqualTo("COMPLETED");
        JsonPath sample = given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract().jsonPath();
        String critiqueRequest = sample.getString("items[0].rounds[0].critiqueRequest");
        String revisionRequest = sample.getString("items[0].rounds[0].revisionRequest");

        List<JsonNode> requests = model.requestsContaining(token);
        assertThat(requests).hasSize(3);
        assertThat(LibraryFiles.messages(requests.get(0))).containsExactly(
                new Message("system", EDUCATIONAL.get("system_message_user_prompt").asText()),
                new Message("user", prompt));
        List<Message> critique = LibraryFiles.messages(requests.get(1));
        // system + 4 few-shots as (user, assistant) + the real request: 10 messages, as the library sends
        assertThat(critique).hasSize(10)
                .containsExactlyElementsOf(LibraryFiles.critique(EDUCATIONAL, prompt, ModelStub.ANSWER, critiqueRequest));
        // the few-shot without a critique shows an empty one, as the library's example.get('critique', '') does
        assertThat(critique.get(8)).isEqualTo(new Message("assistant", "Critique: "));
        assertThat(LibraryFiles.messages(requests.get(2))).hasSize(10).containsExactlyElementsOf(LibraryFiles.revision(
                EDUCATIONAL, prompt, ModelStub.ANSWER, critiqueRequest, ModelStub.CRITIQUE, revisionRequest));
    }

    @Test
    void shouldKeepTheInlineLayoutWhenARunAsksForIt() {
        String token = UUID.randomUUID().toString();
        String prompt = "Inline " + token;
        String runId = Api.startRun(Map.of("constitutionId", Api.createConstitution(LibraryFiles.text(LibraryFiles.EDUCATIONAL)),
                "prompts", List.of(prompt), "revisions", 1, "seed", 42, "fewShotLayout", "inline"));
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("fewShotLayout")).isEqualTo("inline");
        List<JsonNode> requests = model.requestsContaining(token);
        List<Message> critique = LibraryFiles.messages(requests.get(1));
        assertThat(critique).extracting(Message::role).containsExactly("system", "user");
        assertThat(critique.get(1).content())
                .startsWith("Human: What causes the phases of the moon?\nAssistant: The phases")
                .contains("CritiqueRequest: Evaluate if the question matches the student's level of understanding and "
                        + "interests.\nCritique: The initial answer provides a factual explanation")
                .contains("\n\n===\n\nHuman: How did the Industrial Revolution")
                .endsWith("Human: " + prompt + "\nAssistant: " + ModelStub.ANSWER + "\n\n---\nCritiqueRequest: "
                        + given().get("/api/runs/" + runId + "/samples").then().extract().path("items[0].rounds[0].critiqueRequest"));
    }

    @Test
    void shouldSendNoSystemMessageWhenThePrinciplesFileHasAnEmptyOneAndTheDefaultWhenItHasNone() {
        String token = UUID.randomUUID().toString();
        String constitution = Api.createConstitution("""
                {"system_message_user_prompt": "",
                 "system_message_critique": "",
                 "critique_revision_principles": [{"critique": "Find faults.", "revision": "Fix them."}]}
                """);
        Api.awaitRun(Api.startRun(constitution, List.of("Empty " + token), 1));
        List<JsonNode> requests = model.requestsContaining(token);
        assertThat(requests).hasSize(3);
        assertThat(LibraryFiles.messages(requests.get(0))).containsExactly(new Message("user", "Empty " + token));
        assertThat(LibraryFiles.messages(requests.get(1))).extracting(Message::role).containsExactly("user");
        // system_message_revision is absent: the service's default
        assertThat(LibraryFiles.messages(requests.get(2)).get(0).role()).isEqualTo("system");
        assertThat(LibraryFiles.messages(requests.get(2)).get(0).content()).startsWith("You are a helpful assistant.");
    }

    @Test
    void shouldSkipTheRevisionWhenTheCritiqueFindsNothingToFix() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("CritiqueRequest:"))
                .withRequestBody(containing("Fine " + token)).withRequestBody(containing("No critique needed"))
                .willReturn(completion("Critique: No critique needed.")));
        String constitution = Api.createConstitution();
        Map<String, Object> request = new HashMap<>(Map.of("constitutionId", constitution,
                "prompts", List.of("Fine " + token, "Poor " + token), "revisions", 2, "seed", 42,
                "skipUnneededRevisions", true));
        String runId = Api.startRun(request);
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getBoolean("skipUnneededRevisions")).isTrue();

        List<JsonNode> fine = model.requestsContaining("Fine " + token);
        // answer and two critiques, no revision
        assertThat(fine).hasSize(3);
        assertThat(fine).noneMatch(r -> r.toString().contains("RevisionRequest:"));
        assertThat(ModelStub.message(fine.get(1), "user"))
                .endsWith("\nIf the response needs no change under this request, reply only: No critique needed.");
        assertThat(model.requestsContaining("Poor " + token)).hasSize(1 + 2 * 2);

        JsonPath samples = given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract().jsonPath();
        assertThat(samples.getList("items[0].rounds.revisionSkipped")).containsExactly(true, true);
        assertThat(samples.getList("items[0].rounds.revision")).containsExactly(ModelStub.ANSWER, ModelStub.ANSWER);
        assertThat(samples.getString("items[0].finalRevision")).isEqualTo(ModelStub.ANSWER);
        assertThat(samples.getList("items[1].rounds.revisionSkipped")).containsOnlyNulls();
        assertThat(samples.getString("items[1].finalRevision")).isEqualTo(ModelStub.REVISION);
    }

    @Test
    void shouldNotSkipRevisionsUnlessTheRunAsks() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("CritiqueRequest:"))
                .withRequestBody(containing(token)).willReturn(completion("No critique needed.")));
        Api.awaitRun(Api.startRun(Api.createConstitution(), List.of("Plain " + token), 1));
        List<JsonNode> requests = model.requestsContaining(token);
        assertThat(requests).hasSize(3);
        assertThat(ModelStub.message(requests.get(1), "user")).doesNotContain("No critique needed");
    }
}
