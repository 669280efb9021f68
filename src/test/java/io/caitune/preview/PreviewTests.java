package io.caitune.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.LibraryFiles;
import io.caitune.testing.LibraryFiles.Message;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class PreviewTests {

    private static final JsonNode EDUCATIONAL = LibraryFiles.json(LibraryFiles.EDUCATIONAL);

    @InjectModelStub
    ModelStub model;

    @Test
    void shouldRenderEveryStagesExactMessagesWithoutCallingTheModel() {
        String token = UUID.randomUUID().toString();
        String prompt = "Why do leaves fall? " + token;
        String constitution = Api.createConstitution(LibraryFiles.text(LibraryFiles.EDUCATIONAL));
        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("prompt", prompt, "answer", "Because of autumn.", "critique", "Too direct.",
                        "principle", 1, "chainOfThought", true, "answers", List.of("What do you see?", "Abscission.")))
                .post("/api/constitutions/" + constitution + "/preview")
                .then().statusCode(200).extract().jsonPath();

        JsonNode principle = EDUCATIONAL.get("critique_revision_principles").get(1);
        assertThat(messages(preview, "answer")).containsExactly(
                new Message("system", EDUCATIONAL.get("system_message_user_prompt").asText()), new Message("user", prompt));
        assertThat(messages(preview, "critique")).containsExactlyElementsOf(LibraryFiles.critique(EDUCATIONAL, prompt,
                "Because of autumn.", principle.get("critique").asText()));
        assertThat(messages(preview, "revision")).containsExactlyElementsOf(LibraryFiles.revision(EDUCATIONAL, prompt,
                "Because of autumn.", principle.get("critique").asText(), "Too direct.",
                principle.get("revision").asText()));
        List<Message> comparison = messages(preview, "comparison");
        assertThat(comparison).hasSize(12);
        assertThat(comparison.get(11).content()).isEqualTo(LibraryFiles.comparisonQuestion(prompt,
                EDUCATIONAL.get("comparison_principles").get(0).asText(), "What do you see?", "Abscission."));
        assertThat(preview.getString("comparison.principle")).isEqualTo(EDUCATIONAL.get("comparison_principles").get(0).asText());
        assertThat(model.requestsContaining(token)).isEmpty();
    }

    @Test
    void shouldShowPlaceholdersAndTheInlineLayout() {
        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("prompt", "Hello", "fewShotLayout", "inline"))
                .post("/api/constitutions/" + Api.createConstitution() + "/preview")
                .then().statusCode(200).extract().jsonPath();
        assertThat(preview.getString("fewShotLayout")).isEqualTo("inline");
        assertThat(preview.getList("critique.messages.role")).containsExactly("system", "user");
        assertThat(preview.getString("critique.messages[1].content"))
                .startsWith("Human: Example prompt\nAssistant: Example answer\n\n---\nCritiqueRequest: Example critique request\n"
                        + "Critique: Example critique\n\n===\n\nHuman: Hello\nAssistant: " + PromptPreview.ANSWER);
        assertThat(preview.getString("revision.messages[1].content")).contains("Critique: " + PromptPreview.CRITIQUE);
    }

    @Test
    void shouldRejectAMissingPromptAndAnUnknownConstitution() {
        given().contentType(ContentType.JSON).body(Map.of("answer", "x"))
                .post("/api/constitutions/" + Api.createConstitution() + "/preview")
                .then().statusCode(400).body(containsString("prompt"));
        given().contentType(ContentType.JSON).body(Map.of("prompt", "x", "principle", 9))
                .post("/api/constitutions/" + Api.createConstitution() + "/preview")
                .then().statusCode(400).body(containsString("principle"));
        given().contentType(ContentType.JSON).body(Map.of("prompt", "x"))
                .post("/api/constitutions/" + UUID.randomUUID() + "/preview")
                .then().statusCode(404);
    }

    private static List<Message> messages(JsonPath preview, String stage) {
        List<Map<String, String>> raw = preview.getList(stage + ".messages");
        return raw.stream().map(m -> new Message(m.get("role"), m.get("content"))).toList();
    }
}
