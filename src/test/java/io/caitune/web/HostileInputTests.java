package io.caitune.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.caitune.training.TinyGpt2;
import io.caitune.training.model.CausalLm;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus ({@link HostileCorpus}) against the real HTTP API: no request gets a 5xx, every one is
 * refused with the status it deserves as {@code application/problem+json} with a detail, and no refused request
 * leaves a row behind.
 */
@QuarkusTest
@TestProfile(HostileInputTests.Profile.class)
@WithTestResource(ModelStubResource.class)
class HostileInputTests {

    /** Its own database, and an HTTP body limit small enough to reach (the uploads' own limit is 256K in tests). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:cai-hostile;DB_CLOSE_DELAY=-1",
                    "quarkus.http.limits.max-body-size", "1M");
        }
    }

    private static final List<String> TABLES = List.of("constitution", "constitution_principle",
            "constitution_few_shot", "constitution_comparison_principle", "constitution_comparison_few_shot",
            "dataset", "dataset_prompt", "run", "sample", "sample_round", "preference_settings", "preference_answer",
            "comparison", "evaluation", "evaluation_judgement", "feedback_verdict", "language_model", "training_job");
    private static final Path WORK = Path.of("target/test-data/hostile");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> fixtures;

    @Inject
    DataSource dataSource;

    static List<HostileCorpus.Hostile> corpus() {
        return HostileCorpus.all();
    }

    @BeforeEach
    void fixtures() throws Exception {
        if (fixtures != null) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("constitution", Api.createConstitution());
        f.put("dataset", given().contentType("text/csv").body("prompt\nhello\n").post("/api/datasets")
                .then().statusCode(201).extract().path("id"));
        f.put("alpaca", given().contentType(ContentType.JSON)
                .body("[{\"instruction\": \"write a python function\", \"output\": \"def add\"}]")
                .post("/api/datasets").then().statusCode(201).extract().path("id"));
        String run = Api.startRun(f.get("constitution"), List.of("hello"), 1);
        assertThat(Api.awaitRun(run).getString("status")).isEqualTo("COMPLETED");
        f.put("run", run);

        Path model = TinyGpt2.write(WORK.resolve("tiny"), 1).toAbsolutePath();
        f.put("modelPath", model.toString());
        f.put("model", register(model));
        Path broken = TinyGpt2.write(WORK.resolve("broken"), 2).toAbsolutePath();
        f.put("broken", register(broken));
        Files.writeString(broken.resolve(CausalLm.WEIGHTS), "damaged after registration");
        f.put("junkPath", junkWeights(WORK.resolve("junk")).toString());
        Path junkConfig = Files.createDirectories(WORK.resolve("junk-config"));
        Files.copy(model.resolve(CausalLm.TOKENIZER), junkConfig.resolve(CausalLm.TOKENIZER),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(model.resolve(CausalLm.WEIGHTS), junkConfig.resolve(CausalLm.WEIGHTS),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(junkConfig.resolve(CausalLm.CONFIG), "{\"n_embd\": \"wide\"");
        f.put("junkConfigPath", junkConfig.toAbsolutePath().toString());
        junkWeights(Path.of("target/test-data/models/hostile-junk"));
        fixtures = f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRefuseWithAProblemAndStoreNothing(HostileCorpus.Hostile request) throws Exception {
        Map<String, Long> before = rows();

        RawHttp.Reply reply = RawHttp.send(RestAssured.port, request.method(), fill(request.target()),
                request.headers(), request.body() == null ? null : fill(request.body()));

        assertThat(reply.status()).as("%s: status; body: %s", request.name(), reply.text())
                .isEqualTo(request.expected());
        assertThat(reply.header("Content-Type")).as("%s: content type; body: %s", request.name(), reply.text())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).as("detail").isNotBlank().doesNotContain("\u0000");
        assertThat(rows()).as("%s: rows after a refused request", request.name()).isEqualTo(before);
    }

    private String register(Path dir) {
        return given().contentType(ContentType.JSON).body(Map.of("path", dir.toString())).post("/api/models")
                .then().statusCode(201).extract().path("id");
    }

    /** A directory with a good config and tokenizer, and weights that are not a safetensors file. */
    private Path junkWeights(Path dir) throws Exception {
        Path model = Path.of(fixtures == null ? WORK.resolve("tiny").toString() : fixtures.get("modelPath"));
        Files.createDirectories(dir);
        Files.copy(model.resolve(CausalLm.CONFIG), dir.resolve(CausalLm.CONFIG),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(model.resolve(CausalLm.TOKENIZER), dir.resolve(CausalLm.TOKENIZER),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(dir.resolve(CausalLm.WEIGHTS), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        return dir.toAbsolutePath();
    }

    private static String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            filled = filled.replace("{" + fixture.getKey() + "}", fixture.getValue());
        }
        return filled;
    }

    /** Placeholders are ASCII: ISO-8859-1 maps every byte to one char and back, so other bytes pass unchanged. */
    private static byte[] fill(byte[] body) {
        return fill(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Rows in every table, and how many runs and samples are COMPLETED (a refused control call changes none). */
    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                rows.put(table, count(statement, "select count(*) from " + table));
            }
            rows.put("completed runs", count(statement, "select count(*) from run where status = 'COMPLETED'"));
            rows.put("completed samples", count(statement, "select count(*) from sample where status = 'COMPLETED'"));
        }
        return rows;
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
