package io.caitune.web;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Declared charsets are honoured, byte order marks accepted, and the errors for bad parameters name them. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class EncodingTests {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String PROMPT = "Où est la café? Ça coûte 5 €";

    @Test
    void shouldDecodeACsvInItsDeclaredCharset() {
        for (String charset : List.of("ISO-8859-15", "UTF-16", "UTF-16LE", "windows-1252")) {
            String id = given().contentType("text/csv; charset=" + charset)
                    .body(("prompt\n\"" + PROMPT + "\"\n").getBytes(Charset.forName(charset)))
                    .post("/api/datasets").then().statusCode(201).body("size", equalTo(1)).extract().path("id");
            String run = Api.startRun(java.util.Map.of("constitutionId", Api.createConstitution(), "datasetId", id,
                    "revisions", 1));
            Api.awaitRun(run);
            given().get("/api/runs/" + run + "/samples").then().statusCode(200)
                    .body("items[0].prompt", equalTo(PROMPT));
        }
    }

    @Test
    void shouldAcceptAByteOrderMarkInEveryJsonAndCsvUpload() {
        String constitution = given().contentType(ContentType.JSON).body(withBom(Api.CONSTITUTION))
                .post("/api/constitutions").then().statusCode(201).body("name", equalTo("Harmlessness"))
                .extract().path("id");
        given().contentType("text/csv").body(withBom("prompt\nfirst\n")).post("/api/datasets")
                .then().statusCode(201).body("size", equalTo(1));
        given().contentType(ContentType.JSON).body(withBom("[\"first\", \"second\"]")).post("/api/datasets")
                .then().statusCode(201).body("size", equalTo(2));
        given().contentType("application/x-ndjson; charset=UTF-8").body(withBom("{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n"))
                .post("/api/datasets").then().statusCode(201).body("size", equalTo(2));
        given().multiPart("file", "p.csv", withBom("prompt\nfirst\n"), "text/csv").post("/api/datasets")
                .then().statusCode(201).body("size", equalTo(1));
        given().contentType(ContentType.JSON)
                .body(withBom("{\"constitutionId\": \"" + constitution + "\", \"prompts\": [\"hi\"]}"))
                .post("/api/runs").then().statusCode(202);
    }

    @Test
    void shouldReadAUtf16Constitution() {
        given().contentType("application/json; charset=UTF-16")
                .body(Api.CONSTITUTION.replace("Harmlessness", "Innocuité").getBytes(StandardCharsets.UTF_16))
                .post("/api/constitutions").then().statusCode(201).body("name", equalTo("Innocuité"));
    }

    @Test
    void shouldRefuseAnIso88591JsonBodyWhereJsonMustBeUnicode() {
        given().contentType("application/json; charset=ISO-8859-1")
                .body("{\"constitutionId\": \"x\"}".getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/runs").then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("charset=ISO-8859-1"));
    }

    @Test
    void shouldNameTheParameterThatIsMalformed() {
        String constitution = Api.createConstitution();
        String run = Api.startRun(constitution, List.of("a"), 1);
        given().get("/api/runs/" + run + "/samples?page=abc").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'page'"));
        given().get("/api/runs/" + run + "/samples?page=2147483647&size=50").then().statusCode(400)
                .body("detail", containsString("'page' must be at most 42949671"));
        given().get("/api/runs/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Path parameter 'id' must be a UUID"));
        given().contentType(ContentType.JSON).body("{\"constitutionId\": \"" + constitution
                + "\", \"prompts\": [\"a\"], \"revisions\": \"2\"}").post("/api/runs").then().statusCode(400)
                .body("detail", containsString("revisions"));
        given().contentType(ContentType.JSON).body("{\"constitutionId\": \"" + constitution
                + "\", \"prompts\": [42]}").post("/api/runs").then().statusCode(400)
                .body("detail", containsString("prompts[0]"));
        given().contentType(ContentType.JSON).body(Api.CONSTITUTION.replace("\"fewShots\": [", "\"fewShots\": [1, "))
                .post("/api/constitutions").then().statusCode(400).body("detail", containsString("fewShots[0]"));
        given().contentType(ContentType.JSON).body("{\"name\": \"" + "m".repeat(300) + "\", \"path\": \"x\"}")
                .post("/api/models").then().statusCode(400).body("errors.field", hasItem("name"))
                .body("detail", containsString("at most 200 characters"));
    }

    private static byte[] withBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
