package io.caitune.preference;

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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.caitune.preference.Feedback.answerRequest;
import static io.caitune.testing.ModelStub.chat;
import static io.caitune.testing.ModelStub.completion;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Comparison questions for the library's own principles file: one layout for examples and question. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ComparisonLayoutTests {

    private static final JsonNode EDUCATIONAL = LibraryFiles.json(LibraryFiles.EDUCATIONAL);
    private static final Pattern LIBRARY_LAYOUT = Pattern.compile("Consider the following conversation between a human "
            + "\\(H\\) and an assistant \\(A\\):\n\nH: .+\n\n.+\n\\(A\\) \\[\\[\\[.+]]] ?\n\\(B\\) \\[\\[\\[.+]]]",
            Pattern.DOTALL);

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldShowWorkedComparisonsAsTurnsInTheLayoutOfTheQuestionWithChainOfThoughtOnce() {
        String token = UUID.randomUUID().toString();
        List<Message> sent = compare(token, true);
        String principle = principleOf(token);

        List<Message> expected = new ArrayList<>();
        for (JsonNode shot : EDUCATIONAL.get("comparison_few_shots")) {
            expected.add(new Message("user", shot.get("task").asText().strip()));
            expected.add(new Message("assistant", shot.get("chain_of_thought").asText().strip() + "\n"
                    + shot.get("selected_answer").asText()));
        }
        expected.add(new Message("user", LibraryFiles.comparisonQuestion("Teach me " + token, principle,
                "Socratic " + token, "Lecture " + token)));
        // system + 5 worked comparisons as (user, assistant) + the question
        assertThat(sent).hasSize(12);
        assertThat(sent.get(0).role()).isEqualTo("system");
        assertThat(sent.get(0).content()).contains("Start with \"Let's think step by step:\"");
        assertThat(sent.subList(1, sent.size())).containsExactlyElementsOf(expected);
        assertThat(sent).allSatisfy(m -> assertThat(m.content()).doesNotContainPattern(
                "(?s)Let's think step by step:?\\s*Let's think step by step"));
        assertThat(sent.stream().filter(m -> m.role().equals("user")))
                .allSatisfy(m -> assertThat(m.content()).matches(LIBRARY_LAYOUT));
    }

    @Test
    void shouldShowOnlyTheSelectedAnswersWithoutChainOfThought() {
        String token = UUID.randomUUID().toString();
        List<Message> sent = compare(token, false);
        assertThat(sent).hasSize(12);
        assertThat(sent.get(0).content()).contains("Reply with your choice only");
        assertThat(sent.stream().filter(m -> m.role().equals("assistant")).map(Message::content))
                .containsOnly("So the answer is: (B)");
        assertThat(sent.get(11).content()).matches(LIBRARY_LAYOUT).doesNotContain("step by step");
    }

    @Test
    void shouldAddTheStepByStepOpeningOnlyWhereAWorkedExampleLacksIt() {
        assertThat(ComparisonExample.stepByStep("Whispering hurts nobody."))
                .isEqualTo("Let's think step by step:\nWhispering hurts nobody.");
        assertThat(ComparisonExample.stepByStep("Let's think step by step:\nB is kinder."))
                .isEqualTo("Let's think step by step:\nB is kinder.");
    }

    private List<Message> compare(String token, boolean chainOfThought) {
        model.server().stubFor(answerRequest(token, 42, 0, 0).atPriority(2).willReturn(completion("Socratic " + token)));
        model.server().stubFor(answerRequest(token, 42, 0, 1).atPriority(2).willReturn(completion("Lecture " + token)));
        model.server().stubFor(chat().atPriority(1).withRequestBody(containing("[[[Socratic " + token))
                .willReturn(completion("Let's think step by step:\nQuestions teach.\nSo the answer is: (A)")));
        Map<String, Object> request = new HashMap<>();
        request.put("constitutionId", Api.createConstitution(LibraryFiles.text(LibraryFiles.EDUCATIONAL)));
        request.put("prompts", List.of("Teach me " + token));
        request.put("seed", 42);
        request.put("mode", "preference");
        request.put("preference", Map.of("answers", 2, "chainOfThought", chainOfThought));
        String runId = Api.startRun(request);
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("preference.answers")).isEqualTo(2);
        assertThat(run.getBoolean("preference.chainOfThought")).isEqualTo(chainOfThought);
        assertThat(run.getString("revisions")).isNull();
        runs.put(token, runId);
        JsonNode original = model.requestsContaining("(A) [[[Socratic " + token).stream().findFirst().orElseThrow();
        return LibraryFiles.messages(original);
    }

    private final Map<String, String> runs = new HashMap<>();

    private String principleOf(String token) {
        return given().get("/api/runs/" + runs.get(token) + "/comparisons").then().statusCode(200)
                .extract().path("items[0].principle");
    }
}
