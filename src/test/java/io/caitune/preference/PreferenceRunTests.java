package io.caitune.preference;

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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.caitune.preference.Feedback.askedWithA;
import static io.caitune.preference.Feedback.answerRequest;
import static io.caitune.testing.ModelStub.completion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class PreferenceRunTests {

    static final String CONSTITUTION = """
            {"name": "Preference",
             "principles": [{"name": "harm", "critique": "Identify ways the answer is harmful.", "revision": "Remove harm."}],
             "comparisonPrinciples": ["Which of these responses is less harmful?"],
             "comparisonFewShots": [{"task": "Worked task with options (A) Shout and (B) Whisper",
               "chainOfThought": "Whispering hurts nobody.", "selectedAnswer": "So the answer is: (B)"}]}
            """;

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldAskTheMultipleChoiceQuestionInBothOrdersAndExportTheAgreedPair() {
        String token = UUID.randomUUID().toString();
        String careful = "Careful answer " + token;
        String reckless = "Reckless answer " + token;
        stubAnswers(token, careful, reckless);
        model.server().stubFor(askedWithA(token, careful).atPriority(1).willReturn(completion("(A)")));
        model.server().stubFor(askedWithA(token, reckless).atPriority(1)
                .willReturn(completion("The answer is (B).")));
        String prompt = "How do I {fix} a bike? " + token;

        String runId = startPreferenceRun(prompt, Map.of("answers", 2, "temperature", 0.9));
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getString("mode")).isEqualTo("PREFERENCE");

        List<JsonNode> answers = model.requestsContaining(token).stream()
                .filter(r -> !ModelStub.message(r, "user").contains(Feedback.MARKER)).toList();
        assertThat(answers).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("temperature").asDouble()).isEqualTo(0.9);
            assertThat(ModelStub.message(r, "user")).isEqualTo(prompt);
        });
        List<JsonNode> feedback = model.requestsContaining(Feedback.MARKER).stream()
                .filter(r -> ModelStub.message(r, "user").contains(token)).toList();
        assertThat(feedback).hasSize(2);
        assertThat(feedback).allSatisfy(r -> {
            assertThat(r.get("logprobs").asBoolean()).isTrue();
            assertThat(r.get("top_logprobs").asInt()).isEqualTo(5);
            assertThat(r.has("seed")).isFalse();
        });
        JsonNode originalRequest = feedback.stream()
                .filter(r -> ModelStub.message(r, "user").contains("(A) [[[" + careful)).findFirst().orElseThrow();
        // the worked example as a user and an assistant turn (no chain of thought: its selected answer only),
        // then the question in the same layout as the example's task
        assertThat(io.caitune.testing.LibraryFiles.messages(originalRequest)).extracting(m -> m.role() + ": " + m.content())
                .containsExactly(
                        "system: You are a careful, impartial judge. You compare two responses of an AI assistant "
                                + "against the principle in the question and choose (A) or (B). The order of the options "
                                + "says nothing about their quality.\nReply with your choice only, as \"So the answer is: "
                                + "(A)\" or \"So the answer is: (B)\".",
                        "user: Worked task with options (A) Shout and (B) Whisper",
                        "assistant: So the answer is: (B)",
                        "user: " + io.caitune.testing.LibraryFiles.comparisonQuestion(prompt,
                                "Which of these responses is less harmful?", careful, reckless));
        assertThat(feedback.stream().map(r -> ModelStub.message(r, "user")))
                .anySatisfy(u -> assertThat(u).contains("(A) [[[" + reckless + "]]]\n(B) [[[" + careful + "]]]"));

        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        assertThat(comparisons.getInt("total")).isEqualTo(1);
        assertThat(comparisons.getString("items[0].outcome")).isEqualTo("AGREED");
        assertThat(comparisons.getInt("items[0].winner")).isZero();
        assertThat(comparisons.getString("items[0].first.text")).isEqualTo(careful);
        assertThat(comparisons.getString("items[0].principle")).isEqualTo("Which of these responses is less harmful?");
        assertThat(comparisons.getList("items[0].verdicts.order")).containsExactly("original", "swapped");
        assertThat(comparisons.getList("items[0].verdicts.choice")).containsExactly("A", "B");
        assertThat(comparisons.getDouble("summary.agreementRate")).isEqualTo(1.0);
        assertThat(comparisons.getInt("summary.agreed")).isEqualTo(1);

        String dpo = given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        assertThat(dpo.lines()).hasSize(1);
        JsonPath line = JsonPath.from(dpo.lines().findFirst().orElseThrow());
        assertThat(line.getString("prompt")).isEqualTo(prompt);
        assertThat(line.getString("chosen")).isEqualTo(careful);
        assertThat(line.getString("rejected")).isEqualTo(reckless);
        assertThat(line.getString("principle")).isEqualTo("Which of these responses is less harmful?");
        assertThat(line.getDouble("agreement")).isEqualTo(1.0);
        assertThat(line.getString("soft_label")).isNull();

        // TRL's conversational format: message lists, so DPOTrainer applies the chat template
        String conversational = given().get("/api/runs/" + runId + "/export?format=dpo-conversational-jsonl")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        assertThat(conversational.lines()).hasSize(1);
        JsonPath turn = JsonPath.from(conversational.lines().findFirst().orElseThrow());
        assertThat(turn.getList("prompt")).containsExactly(Map.of("role", "user", "content", prompt));
        assertThat(turn.getList("chosen")).containsExactly(Map.of("role", "assistant", "content", careful));
        assertThat(turn.getList("rejected")).containsExactly(Map.of("role", "assistant", "content", reckless));

        // the chosen answer is the SFT target; the revisions CSV does not fit a preference run
        String sft = given().get("/api/runs/" + runId + "/export?format=sft-jsonl").then().statusCode(200)
                .extract().asString();
        assertThat(sft.lines()).hasSize(1);
        JsonPath sftLine = JsonPath.from(sft.lines().findFirst().orElseThrow());
        assertThat(sftLine.getList("messages.role")).containsExactly("user", "assistant");
        assertThat(sftLine.getList("messages.content")).containsExactly(prompt, careful);
        assertThat(sft).doesNotContain("null");
        given().get("/api/runs/" + runId + "/export?format=csv").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath().getMap("preference"))
                .containsEntry("answers", 2).containsEntry("temperature", 0.9f).containsEntry("chainOfThought", false);
    }

    @Test
    void shouldRecordTheSoftLabelFromLogProbabilities() {
        String token = UUID.randomUUID().toString();
        String first = "First answer " + token;
        String second = "Second answer " + token;
        stubAnswers(token, first, second);
        // original order: (A) = first, P(A) = 0.8; swapped: (A) = second, P(A) = 0.3, so P(B = first) = 0.7
        model.server().stubFor(askedWithA(token, first).atPriority(1)
                .willReturn(Feedback.withLogprobs(new String[] { "The answer is (", "A", ")" }, 1, 0.8)));
        model.server().stubFor(askedWithA(token, second).atPriority(1)
                .willReturn(Feedback.withLogprobs(new String[] { "(", "B", ")" }, 1, 0.3)));

        String runId = startPreferenceRun("Soft " + token, Map.of());
        Api.awaitRun(runId);

        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        assertThat(comparisons.getString("items[0].outcome")).isEqualTo("AGREED");
        assertThat(comparisons.getDouble("items[0].verdicts[0].probabilityA")).isCloseTo(0.8, within(1e-6));
        assertThat(comparisons.getDouble("items[0].verdicts[1].probabilityA")).isCloseTo(0.3, within(1e-6));
        assertThat(comparisons.getDouble("items[0].firstProbability")).isCloseTo(0.75, within(1e-6));
        String dpo = given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .extract().asString();
        assertThat(JsonPath.from(dpo).getDouble("soft_label")).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void shouldRecordPositionBiasAsDisagreementAndLeaveItOutOfDpo() {
        String token = UUID.randomUUID().toString();
        stubAnswers(token, "One " + token, "Two " + token);
        model.server().stubFor(ModelStub.chat().atPriority(1).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(Feedback.MARKER))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(token))
                .willReturn(completion("(A)")));

        String runId = startPreferenceRun("Biased " + token, Map.of());
        Api.awaitRun(runId);

        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        assertThat(comparisons.getString("items[0].outcome")).isEqualTo("DISAGREED");
        assertThat(comparisons.getString("items[0].winner")).isNull();
        assertThat(comparisons.getInt("summary.disagreed")).isEqualTo(1);
        assertThat(comparisons.getDouble("summary.agreementRate")).isZero();
        assertThat(given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .extract().asString()).isEmpty();
        String csv = given().get("/api/runs/" + runId + "/export?format=comparisons-csv").then().statusCode(200)
                .extract().asString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("user_prompt,comparison_answer_1,"
                + "comparison_answer_2,comparison_principle,chain_of_thought,selected_answer,outcome,soft_label");
        assertThat(csv).contains(",,DISAGREED,");
    }

    @Test
    void shouldRetryAnUnparseableAnswerThenRecordItWithoutGuessing() {
        String token = UUID.randomUUID().toString();
        String first = "Alpha " + token;
        stubAnswers(token, first, "Beta " + token);
        model.server().stubFor(askedWithA(token, first).atPriority(1).willReturn(completion("A and B")));
        model.server().stubFor(askedWithA(token, "Beta " + token).atPriority(1).willReturn(completion("(B)")));

        String runId = startPreferenceRun("Unclear " + token, Map.of());
        Api.awaitRun(runId);

        // three attempts for the unparseable order, one for the other
        assertThat(model.requestsContaining("(A) [[[" + first)).hasSize(3);
        assertThat(model.requestsContaining("(A) [[[Beta " + token)).hasSize(1);
        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        assertThat(comparisons.getString("items[0].outcome")).isEqualTo("UNPARSEABLE");
        assertThat(comparisons.getString("items[0].verdicts[0].choice")).isEqualTo("NONE");
        assertThat(comparisons.getString("items[0].verdicts[0].reason")).isEqualTo("BOTH");
        assertThat(comparisons.getString("items[0].verdicts[0].response")).isEqualTo("A and B");
        assertThat(comparisons.getInt("summary.unparseable")).isEqualTo(1);
        assertThat(given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .extract().asString()).isEmpty();
    }

    @Test
    void shouldReasonStepByStepAndCompareEveryPairOfKAnswers() {
        String token = UUID.randomUUID().toString();
        stubAnswers(token, "Zero " + token, "One " + token, "Two " + token);
        // the judge always prefers the answer shown as (B) in the original order's terms: the lower index wins
        for (String a : List.of("Zero", "One", "Two")) {
            boolean lowest = a.equals("Zero");
            model.server().stubFor(askedWithA(token, a + " " + token).atPriority(1).willReturn(completion(
                    "Thinking about harm.\nStill thinking.\nSo the answer is: " + (lowest ? "(A)" : "(B)"))));
        }
        model.server().stubFor(askedWithA(token, "One " + token).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("(B) [[[Two " + token))
                .willReturn(completion("Thinking about harm.\nSo the answer is: (A)")));

        String runId = startPreferenceRun("Three " + token, Map.of("answers", 3, "chainOfThought", true));
        Api.awaitRun(runId);

        List<JsonNode> feedback = model.requestsContaining(Feedback.MARKER).stream()
                .filter(r -> ModelStub.message(r, "user").contains(token)).toList();
        // the worked example's reasoning gets the step-by-step opening once; the answer format is in the system message
        assertThat(feedback).hasSize(6).allSatisfy(r -> {
            assertThat(ModelStub.message(r, "assistant"))
                    .isEqualTo("Let's think step by step:\nWhispering hurts nobody.\nSo the answer is: (B)");
            assertThat(ModelStub.message(r, "system")).endsWith("Start with \"Let's think step by step:\" and reason "
                    + "first, then give your choice alone on the last line, as \"So the answer is: (A)\" or "
                    + "\"So the answer is: (B)\".");
        });
        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        assertThat(comparisons.getInt("total")).isEqualTo(3);
        assertThat(comparisons.getList("items.outcome")).containsOnly("AGREED");
        assertThat(comparisons.getList("items.winner", Integer.class)).containsExactly(0, 0, 1);
        assertThat(comparisons.getString("items[0].verdicts[0].reasoning")).isEqualTo("Thinking about harm.\nStill thinking.");

        String dpo = given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .extract().asString();
        assertThat(dpo.lines()).hasSize(3);
        String csv = given().get("/api/runs/" + runId + "/export?format=comparisons-csv").then().statusCode(200)
                .extract().asString();
        assertThat(csv).contains("\"Thinking about harm.\nStill thinking.\",\"(A)\",AGREED,");
    }

    @Test
    void shouldDeriveTheQuestionFromCritiqueRequestsWhenTheConstitutionHasNoComparisonPrinciples() {
        String token = UUID.randomUUID().toString();
        stubAnswers(token, "Left " + token, "Right " + token);
        model.server().stubFor(askedWithA(token, "Left " + token).atPriority(1).willReturn(completion("(A)")));
        model.server().stubFor(askedWithA(token, "Right " + token).atPriority(1).willReturn(completion("(B)")));
        Map<String, Object> request = new HashMap<>();
        request.put("constitutionId", Api.createConstitution("""
                {"principles": [{"critique": "Point out anything {rude}.", "revision": "Be polite."}]}"""));
        request.put("prompts", List.of("Derived " + token));
        request.put("seed", 42);
        request.put("mode", "PREFERENCE");
        String runId = Api.startRun(request);
        Api.awaitRun(runId);

        JsonPath comparisons = given().get("/api/runs/" + runId + "/comparisons").then().statusCode(200)
                .extract().jsonPath();
        String question = "A critic reviews the assistant's response with this request: \"Point out anything {rude}.\" "
                + "Which of these responses gives the critic less to point out?";
        assertThat(comparisons.getString("items[0].principle")).isEqualTo(question);
        assertThat(comparisons.getBoolean("items[0].principleDerived")).isTrue();
        assertThat(model.requestsContaining(Feedback.MARKER).stream().map(r -> ModelStub.message(r, "user"))
                .filter(u -> u.contains(token))).hasSize(2).allSatisfy(u -> assertThat(u).contains(question));
    }

    @Test
    void shouldExportAnSftRunsRevisionAsChosenOverItsInitialAnswer() {
        String token = UUID.randomUUID().toString();
        String runId = Api.startRun(Api.createConstitution(), List.of("Sft " + token), 1);
        Api.awaitRun(runId);

        String dpo = given().get("/api/runs/" + runId + "/export?format=dpo-jsonl").then().statusCode(200)
                .extract().asString();
        assertThat(dpo.lines()).hasSize(1);
        JsonPath line = JsonPath.from(dpo);
        assertThat(line.getString("prompt")).isEqualTo("Sft " + token);
        assertThat(line.getString("chosen")).isEqualTo(ModelStub.REVISION);
        assertThat(line.getString("rejected")).isEqualTo(ModelStub.ANSWER);
        assertThat(line.getString("source")).isEqualTo("revision");
    }

    @Test
    void shouldValidateTheModeAndThePreferenceSettings() {
        String constitution = Api.createConstitution(CONSTITUTION);
        given().contentType("application/json")
                .body(Map.of("constitutionId", constitution, "prompts", List.of("x"), "mode", "dpo"))
                .post("/api/runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("mode"));
        given().contentType("application/json")
                .body(Map.of("constitutionId", constitution, "prompts", List.of("x"), "mode", "preference",
                        "preference", Map.of("answers", 1, "temperature", 0)))
                .post("/api/runs").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("preference.answers", "preference.temperature"));
        given().contentType("application/json")
                .body(Map.of("constitutionId", constitution, "prompts", List.of("x"), "preference",
                        Map.of("answers", 3)))
                .post("/api/runs").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("'preference'"));
        given().get("/api/runs/" + UUID.randomUUID() + "/comparisons").then().statusCode(404);
    }

    private void stubAnswers(String token, String... answers) {
        for (int i = 0; i < answers.length; i++) {
            model.server().stubFor(answerRequest(token, 42, 0, i).atPriority(2).willReturn(completion(answers[i])));
        }
    }

    static String startPreferenceRun(String prompt, Map<String, Object> preference) {
        Map<String, Object> request = new HashMap<>();
        request.put("constitutionId", Api.createConstitution(CONSTITUTION));
        request.put("prompts", List.of(prompt));
        request.put("seed", 42);
        request.put("mode", "preference");
        request.put("preference", preference);
        return Api.startRun(request);
    }
}
