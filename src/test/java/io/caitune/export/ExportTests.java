package io.caitune.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ExportTests {

    @InjectModelStub
    ModelStub model;

    @BeforeEach
    void resetModel() {
        model.reset();
    }

    @Test
    void shouldExportTheRevisionsCsvWithExactColumnsAndNewlinesKept() throws IOException {
        String runId = completedRun(List.of("Prompt, with comma\nand a second line", "FAIL-EXPORT", "Third \"quoted\""));

        String csv = given().get("/api/runs/" + runId + "/export?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("run-" + runId + ".csv"))
                .extract().asString();

        List<String[]> rows = readCsv(csv);
        assertThat(rows.get(0)).containsExactly("user_prompt", "initial_answer", "critique_request", "critique",
                "revision_request", "revision");
        // the failed sample is left out: no placeholder rows
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("Prompt, with comma\nand a second line", ModelStub.ANSWER,
                "Identify ways the answer is harmful.", ModelStub.CRITIQUE, "Rewrite it to remove harm.",
                ModelStub.REVISION);
        assertThat(rows.get(2)[0]).isEqualTo("Third \"quoted\"");
    }

    @Test
    void shouldExportSftJsonlThatTrlReadsAsIs() throws IOException {
        String runId = completedRun(List.of("Write code:\n\tdef f(): pass", "FAIL-EXPORT", "second"));

        String body = given().get("/api/runs/" + runId + "/export?format=sft-jsonl").then().statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .extract().asString();

        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("messages")).hasSize(2);
        assertThat(first.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(first.at("/messages/0/content").asText()).isEqualTo("Write code:\n\tdef f(): pass");
        assertThat(first.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(first.at("/messages/1/content").asText()).isEqualTo(ModelStub.REVISION);
        assertThat(first.get("run_id").asText()).isEqualTo(runId);
        assertThat(first.get("prompt_id").asText()).isEqualTo("1");
        assertThat(first.get("principles").get(0).asText()).isEqualTo("harm");
    }

    @Test
    void shouldStreamLargeExportsPageByPage() throws IOException {
        List<String> prompts = java.util.stream.IntStream.range(0, 600).mapToObj(i -> "prompt " + i).toList();
        String runId = completedRun(prompts);
        String body = given().get("/api/runs/" + runId + "/export?format=sft-jsonl").then().statusCode(200)
                .extract().asString();
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(600);
        assertThat(new ObjectMapper().readTree(lines.get(599)).at("/messages/0/content").asText())
                .isEqualTo("prompt 599");
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        String runId = completedRun(List.of("x"));
        given().get("/api/runs/" + runId + "/export?format=parquet").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("supported: csv, sft-jsonl"));
    }

    private String completedRun(List<String> prompts) {
        return Api.completedRun(model, "FAIL-EXPORT", prompts);
    }

    private static List<String[]> readCsv(String csv) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            return it.readAll();
        }
    }
}
