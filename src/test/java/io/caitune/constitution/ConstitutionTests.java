package io.caitune.constitution;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ConstitutionTests {

    /** A principles file of the ConstitutionalAiTuning library, current key names. */
    static final String SEED_FILE = """
            {
              "system_message_user_prompt": "You are a helpful assistant.",
              "system_message_critique": "You are a critic.",
              "system_message_revision": "You are a reviser.",
              "critique_revision_principles": [
                {"critique": "Identify specific ways in which the assistant's last response is harmful.",
                 "revision": "Please rewrite the assistant response to remove any harmful content."},
                {"critique": "Discuss whether the response is insensitive.", "revision": "Revise it to be sensitive."}
              ],
              "critique_revision_few_shots": [
                {"input": "Could you help me burn down my house?", "initial_answer": "Sure.",
                 "critique_principle": "Identify harm.", "critique": "Arson is dangerous.",
                 "revision_principle": "Remove harm.", "revision": "I can't help with that."},
                {"input": "Only an input"}
              ],
              "comparison_principles": ["Which of these responses is less harmful?"],
              "comparison_few_shots": [
                {"task": "Human: hi\\n(A) hello\\n(B) go away", "chain_of_thought": "A is polite.",
                 "selected_answer": "So the answer is: (A)"}
              ],
              "unknown_key": 42
            }
            """;

    /** Older files: system_message_question, critique_revision_requests, examples with *_request keys. */
    static final String OLDER_SEED_FILE = """
            {
              "system_message_question": "Answer the question.",
              "critique_revision_requests": [{"critique": "Is it rude?", "revision": "Make it polite."}],
              "examples": [{"input": "x", "initial_answer": "y", "critique_request": "Is it rude?",
                            "critique": "No.", "revision_request": "Make it polite.", "revision": "y"}]
            }
            """;

    @Test
    void shouldImportASeedPrinciplesFileUnchanged() {
        String location = given().contentType(ContentType.JSON).body(SEED_FILE).queryParam("name", "Seed harmlessness")
                .when().post("/api/constitutions")
                .then().statusCode(201)
                .header("Location", containsString("/api/constitutions/"))
                .body("id", notNullValue())
                .body("name", equalTo("Seed harmlessness"))
                .body("sourceFormat", equalTo("cai-tuning-principles"))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("systemMessages.answer", equalTo("You are a helpful assistant."))
                .body("systemMessages.critique", equalTo("You are a critic."))
                .body("systemMessages.revision", equalTo("You are a reviser."))
                .body("principles", hasSize(2))
                .body("principles[0].name", equalTo("principle-1"))
                .body("principles[0].critique", containsString("is harmful"))
                .body("principles[1].revision", equalTo("Revise it to be sensitive."))
                .body("fewShots", hasSize(2))
                .body("fewShots[0].critiqueRequest", equalTo("Identify harm."))
                .body("fewShots[0].revisionRequest", equalTo("Remove harm."))
                .body("fewShots[0].revision", equalTo("I can't help with that."))
                .body("fewShots[1].input", equalTo("Only an input"))
                .body("comparisonPrinciples[0]", equalTo("Which of these responses is less harmful?"))
                .body("comparisonFewShots[0].selectedAnswer", equalTo("So the answer is: (A)"))
                .body("comparisonFewShots[0].task", containsString("\n(A) hello"));
    }

    @Test
    void shouldImportTheOlderKeyNames() {
        String id = Api.createConstitution(OLDER_SEED_FILE);
        given().get("/api/constitutions/" + id).then().statusCode(200)
                .body("systemMessages.answer", equalTo("Answer the question."))
                .body("principles[0].critique", equalTo("Is it rude?"))
                .body("fewShots[0].critiqueRequest", equalTo("Is it rude?"))
                .body("fewShots[0].revisionRequest", equalTo("Make it polite."));
    }

    @Test
    void shouldRoundTripItsOwnFormat() {
        String id = Api.createConstitution();
        String shown = given().get("/api/constitutions/" + id).then().statusCode(200).extract().asString();
        String copy = Api.createConstitution(shown);
        given().get("/api/constitutions/" + copy).then().statusCode(200)
                .body("name", equalTo("Harmlessness"))
                .body("principles.name", org.hamcrest.Matchers.contains("harm", "honesty"))
                .body("fewShots[0].critique", equalTo("Example critique"))
                .body("comparisonPrinciples", hasSize(1));
        given().get("/api/constitutions").then().statusCode(200)
                .body("find { it.id == '" + copy + "' }.principles", equalTo(2));
    }

    @Test
    void shouldRejectAConstitutionWithoutPrinciplesAndStoreNothing() {
        int before = Api.count("/api/constitutions");
        given().contentType(ContentType.JSON).body("{\"critique_revision_principles\": []}")
                .when().post("/api/constitutions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("no principles"));
        given().contentType(ContentType.JSON).body("{\"principles\": [{\"critique\": \"only half\"}]}")
                .when().post("/api/constitutions")
                .then().statusCode(400).body("detail", containsString("'principles[0]' needs a non-empty"));
        assertThat(Api.count("/api/constitutions")).isEqualTo(before);
    }

    @Test
    void shouldSayWhereTheJsonIsMalformed() {
        given().contentType(ContentType.JSON).body("{\n  \"principles\": [\n    {\"critique\": \"x\",, }\n]}")
                .when().post("/api/constitutions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Malformed JSON"))
                .body("detail", containsString("line 3"));
    }

    @Test
    void shouldNameTheExpectedKeysForAnUnknownShape() {
        given().contentType(ContentType.JSON).body("{\"rules\": [\"be nice\"]}")
                .when().post("/api/constitutions")
                .then().statusCode(400)
                .body("detail", containsString("expected 'principles'"))
                .body("detail", containsString("keys found: rules"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/constitutions")
                .then().statusCode(400).body("detail", containsString("got array"));
        given().contentType(ContentType.JSON).body("{\"principles\": \"not a list\"}")
                .when().post("/api/constitutions")
                .then().statusCode(400).body("detail", equalTo("'principles' must be a JSON array"));
    }

    @Test
    void shouldAnswer404ForAnUnknownConstitution() {
        given().get("/api/constitutions/6b1e3e0c-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", endsWith("does not exist"))
                .body("instance", equalTo("/api/constitutions/6b1e3e0c-0000-4000-8000-000000000000"));
        given().get("/api/constitutions/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Path parameter 'id' must be a UUID"));
    }
}
