package io.caitune.dataset;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class DatasetTests {

    static final String CSV = """
            subject,grade,prompt,first_word,question_length
            math,5,"What is 2+2, and why?",What,5
            history,7,"Who was the first emperor of Rome?
            Answer in one line.",Who,8
            code,9,"Write f""{x}"" in Python",Write,4
            """;

    @Test
    void shouldImportACsvKeepingOtherColumnsAsMetadata() {
        String id = upload("text/csv", CSV).then().statusCode(201)
                .header("Location", containsString("/api/datasets/"))
                .body("size", equalTo(3)).body("format", equalTo("csv"))
                .extract().path("id");

        JsonPath samples = runSamples(id);
        assertThat(samples.getList("items.prompt", String.class)).containsExactly("What is 2+2, and why?",
                "Who was the first emperor of Rome?\nAnswer in one line.", "Write f\"{x}\" in Python");
        assertThat(samples.getString("items[0].promptId")).isEqualTo("1");
        assertThat(samples.getMap("items[0].metadata")).containsEntry("subject", "math").containsEntry("grade", "5")
                .containsEntry("first_word", "What").doesNotContainKey("prompt");
    }

    @Test
    void shouldUseTheIdColumnAndANamedPromptColumn() {
        String id = given().contentType("text/csv").body("id,question\nq-17,Why is the sky blue?\nq-18,What is DNA?\n")
                .queryParam("promptColumn", "question")
                .when().post("/api/datasets").then().statusCode(201).body("size", equalTo(2)).extract().path("id");
        assertThat(runSamples(id).getList("items.promptId", String.class)).containsExactly("q-17", "q-18");
    }

    @Test
    void shouldTakeASingleColumnCsvAsPrompts() {
        upload("text/csv", "question\nOne?\nTwo?\n").then().statusCode(201).body("size", equalTo(2));
    }

    @Test
    void shouldNameTheColumnsFoundWhenThePromptColumnIsMissing() {
        int before = Api.count("/api/datasets");
        upload("text/csv", "subject,grade\nmath,5\n").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("no prompt column 'prompt'"))
                .body("detail", containsString("columns found: subject, grade"));
        upload("text/csv", "prompt,x\nok,1\n,2\n").then().statusCode(400)
                .body("detail", equalTo("CSV row 3 has an empty 'prompt' column"));
        upload("text/csv", "prompt,x\nok,1,extra\n").then().statusCode(400)
                .body("detail", containsString("CSV row 2 has 3 fields"));
        assertThat(Api.count("/api/datasets")).isEqualTo(before);
    }

    @Test
    void shouldImportAlpacaJsonWithInstructionAndInput() {
        String alpaca = """
                [
                  {"instruction": "Write a function that adds two numbers.", "input": "", "output": "def add(a, b):\\n    return a + b",
                   "prompt": "Below is an instruction..."},
                  {"instruction": "Sort this list.", "input": "[3, 1, 2]", "output": "sorted([3, 1, 2])"}
                ]
                """;
        String id = upload("application/json", alpaca).then().statusCode(201).body("size", equalTo(2))
                .body("format", equalTo("json")).extract().path("id");
        JsonPath samples = runSamples(id);
        assertThat(samples.getList("items.prompt", String.class))
                .containsExactly("Write a function that adds two numbers.", "Sort this list.\n\n[3, 1, 2]");
        assertThat(samples.getMap("items[0].metadata")).containsEntry("output", "def add(a, b):\n    return a + b")
                .containsEntry("prompt", "Below is an instruction...");
    }

    @Test
    void shouldImportJsonlAndJsonStringLists() {
        upload("application/x-ndjson", "{\"instruction\": \"a\"}\n\n{\"instruction\": \"b\", \"input\": \"c\"}\n\"plain\"\n")
                .then().statusCode(201).body("size", equalTo(3)).body("format", equalTo("jsonl"));
        upload("application/json", "[\"one\", \"two {braces}\"]").then().statusCode(201).body("size", equalTo(2));
    }

    @Test
    void shouldAcceptAMultipartFile() {
        given().multiPart("file", "prompts.jsonl", "{\"instruction\": \"x\"}\n{\"instruction\": \"y\"}\n".getBytes(),
                        "application/octet-stream")
                .when().post("/api/datasets")
                .then().statusCode(201).body("size", equalTo(2)).body("name", equalTo("prompts.jsonl"))
                .body("format", equalTo("jsonl")).body("id", notNullValue());
        given().multiPart("file", "notes.txt", "hello".getBytes(), "text/plain")
                .when().post("/api/datasets")
                .then().statusCode(400).body("detail", containsString("Cannot tell the format of 'notes.txt'"));
    }

    @Test
    void shouldRejectBadJsonSayingWhere() {
        int before = Api.count("/api/datasets");
        upload("application/x-ndjson", "{\"instruction\": \"a\"}\n{\"instruction\": \n").then().statusCode(400)
                .body("detail", containsString("line 2"));
        upload("application/json", "{\"instruction\": \"a\"}").then().statusCode(400)
                .body("detail", containsString("Expected a JSON array"));
        upload("application/json", "[{\"text\": \"a\"}]").then().statusCode(400)
                .body("detail", containsString("expected an 'instruction' (alpaca) or a 'prompt' field"));
        upload("application/json", "[]").then().statusCode(400).body("detail", equalTo("The file holds no prompts"));
        upload("application/json", "[\"ok\", ").then().statusCode(400).body("detail", containsString("Malformed JSON"));
        assertThat(Api.count("/api/datasets")).isEqualTo(before);
    }

    @Test
    void shouldAnswer413ForAnUploadOverTheLimit() {
        int before = Api.count("/api/datasets");
        String big = "prompt\n" + "a long prompt line that repeats\n".repeat(10_000); // ~320 KB > 256K test limit
        upload("text/csv", big).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("cai.datasets.max-upload-size"));
        given().multiPart("file", "big.csv", big.getBytes(), "text/csv").when().post("/api/datasets")
                .then().statusCode(413);
        assertThat(Api.count("/api/datasets")).isEqualTo(before);
    }

    @Test
    void shouldRejectAnUnsupportedMediaType() {
        upload("text/plain", "hello").then().statusCode(415).contentType("application/problem+json");
    }

    private static io.restassured.response.Response upload(String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/datasets");
    }

    /** Runs the dataset once so its prompts can be read back as samples. */
    private static JsonPath runSamples(String datasetId) {
        String runId = Api.startRun(Map.of("constitutionId", Api.createConstitution(), "datasetId", datasetId));
        Api.awaitRun(runId);
        return given().get("/api/runs/" + runId + "/samples").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldImportPreferencePairsWithTheChosenAnswerAsTarget() {
        // the ConstitutionalAiTuning library's DPO CSV: prompt,chosen,rejected; --unclear-- where the judge did not parse
        String csv = "prompt,chosen,rejected\n"
                + "\"What is 2+2, roughly?\",\"What do you get if you count two, then two more?\",\"4\"\n"
                + "Why is the sky blue?,--unclear--,--unclear--\n"
                + "Name a prime.,\"Which numbers divide only by 1 and themselves?\",\"7\"\n";
        String id = given().contentType("text/csv").body(csv).post("/api/datasets").then().statusCode(201)
                .body("size", equalTo(3)).extract().path("id");
        given().get("/api/datasets/" + id).then().statusCode(200).body("targets", equalTo(2));

        // TRL's conversational format, one JSON object a line
        String jsonl = "{\"prompt\":[{\"role\":\"user\",\"content\":\"Teach me {x}\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"What is x?\"}],"
                + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"x is 3.\"}]}\n";
        String pairs = given().contentType("application/x-ndjson")
                .body(jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/datasets").then()
                .statusCode(201).body("size", equalTo(1)).extract().path("id");
        given().get("/api/datasets/" + pairs).then().statusCode(200).body("targets", equalTo(1));
        // its prompts drive runs like any others
        String runId = Api.startRun(Map.of("constitutionId", Api.createConstitution(), "datasetId", pairs,
                "revisions", 1, "seed", 1));
        JsonPath run = Api.awaitRun(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(given().get("/api/runs/" + runId + "/samples").then().extract().jsonPath()
                .getString("items[0].prompt")).isEqualTo("Teach me {x}");
    }
}
