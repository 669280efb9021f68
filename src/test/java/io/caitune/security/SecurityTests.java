package io.caitune.security;

import io.caitune.testing.Api;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.caitune.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Who may do what: every operation's role, the role hierarchy, cross-site writes, audit fields, headers. */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class SecurityTests {

    @InjectModelStub
    ModelStub model;

    @TestHTTPResource("/")
    URL self;

    /** An operation of the OpenAPI document and the least role the contract gives it. */
    record Operation(String method, String path, String role) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @Test
    void shouldRequireTheContractsRoleOnEveryOperationOfTheOpenApiDocument() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> operations.add(new Operation(m.toUpperCase(), path, roleOf(m, path)))));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(22)
                .contains(new Operation("POST", "/api/runs/{id}/cancel", Roles.OPERATOR),
                        new Operation("GET", "/api/runs/{id}/events", Roles.VIEWER),
                        new Operation("GET", "/api/runs/{id}/export", Roles.VIEWER),
                        new Operation("POST", "/api/models", Roles.ADMIN),
                        new Operation("POST", "/api/training-jobs/{id}/cancel", Roles.ADMIN));

        for (Operation op : operations) {
            String path = op.concretePath();
            assertThat(call(Users.anonymous(), op.method(), path).statusCode()).as("anonymous %s", op).isEqualTo(401);
            if (!op.role().equals(Roles.VIEWER)) {
                assertThat(call(Users.as(Users.VIEWER), op.method(), path).statusCode()).as("viewer %s", op)
                        .isEqualTo(403);
            }
            if (op.role().equals(Roles.ADMIN)) {
                assertThat(call(Users.as(Users.OPERATOR), op.method(), path).statusCode()).as("operator %s", op)
                        .isEqualTo(403);
            }
            assertThat(call(Users.as(op.role()), op.method(), path).statusCode()).as("%s %s", op.role(), op)
                    .isNotIn(401, 403).isLessThan(500);
        }
    }

    @Test
    void shouldDeclareBasicAndBearerSchemesOnEveryApiOperation() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("components.securitySchemes.basicAuth.scheme")).isEqualTo("basic");
        assertThat(doc.getString("components.securitySchemes.bearerAuth.scheme")).isEqualTo("bearer");
        assertThat(doc.getList("paths.'/api/runs'.post.security")).hasSize(2);
        assertThat(doc.getString("paths.'/api/models'.post.responses.'403'.description")).isNotBlank();
    }

    @Test
    void shouldKeepHealthOpenAndMetricsForViewers() {
        Users.anonymous().get("/q/health/live").then().statusCode(200);
        Users.anonymous().get("/q/metrics").then().statusCode(401);
        Users.as(Users.VIEWER).get("/q/metrics").then().statusCode(200);
        Users.anonymous().auth().preemptive().basic(Users.ADMIN, "wrong").get("/api/runs").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "idp-operator", roles = Roles.OPERATOR, augmentors = RoleHierarchy.class)
    void shouldGiveAnOperatorTheViewersRolesButNotTheAdmins() {
        Users.anonymous().get("/api/runs").then().statusCode(200);
        Users.anonymous().contentType(ContentType.JSON).body(Api.CONSTITUTION).post("/api/constitutions")
                .then().statusCode(201).body("createdBy", equalTo("idp-operator"));
        Users.anonymous().contentType(ContentType.JSON).body(Map.of("path", "target/test-data"))
                .post("/api/models").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "idp-viewer", roles = Roles.VIEWER, augmentors = RoleHierarchy.class)
    void shouldLetAViewerReadButNotWrite() {
        Users.anonymous().get("/api/constitutions").then().statusCode(200);
        Users.anonymous().contentType(ContentType.JSON).body(Api.CONSTITUTION).post("/api/constitutions")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("operator"));
    }

    @Test
    void shouldRecordWhoCreatedPausedAndCancelled() {
        String token = UUID.randomUUID().toString();
        model.server().stubFor(chat().atPriority(3).withRequestBody(containing(token))
                .willReturn(ModelStub.completion(ModelStub.ANSWER).withFixedDelay(1_000)));
        String constitution = Users.as(Users.OPERATOR).contentType(ContentType.JSON).body(Api.CONSTITUTION)
                .post("/api/constitutions").then().statusCode(201).body("createdBy", equalTo("operator"))
                .extract().path("id");
        given().get("/api/constitutions").then().body("find { it.id == '" + constitution + "' }.createdBy",
                equalTo("operator"));
        Users.as(Users.OPERATOR).contentType(ContentType.JSON).body(List.of("one " + token, "two " + token))
                .post("/api/datasets").then().statusCode(201).body("createdBy", equalTo("operator"));
        String run = Users.as(Users.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("constitutionId", constitution, "prompts", List.of("slow " + token), "revisions", 1))
                .post("/api/runs").then().statusCode(202).extract().path("id");

        given().post("/api/runs/" + run + "/pause").then().statusCode(200)
                .body("pausedBy", equalTo("admin")).body("pausedAt", notNullValue());
        Users.as(Users.OPERATOR).post("/api/runs/" + run + "/cancel").then().statusCode(200)
                .body("cancelledBy", equalTo("operator")).body("cancelledAt", notNullValue());
        Users.as(Users.VIEWER).get("/api/runs/" + run).then().statusCode(200)
                .body("createdBy", equalTo("operator")).body("pausedBy", equalTo("admin"))
                .body("cancelledBy", equalTo("operator"));
    }

    @Test
    void shouldRefuseCrossSiteWritesAndAcceptSameOriginOnes() {
        String origin = self.getProtocol() + "://" + self.getHost() + ":" + self.getPort();
        String cancel = "/api/runs/" + UUID.randomUUID() + "/cancel";
        given().header("Origin", "http://evil.example").post(cancel).then().statusCode(403);
        given().header("Origin", "null").post(cancel).then().statusCode(403);
        given().header("Origin", origin).header("Sec-Fetch-Site", "same-origin").post(cancel).then().statusCode(404);
        given().post(cancel).then().statusCode(404); // no browser: curl, scripts

        int datasets = Api.count("/api/datasets");
        given().header("Sec-Fetch-Site", "cross-site").multiPart("file", "prompts.csv", "prompt\nhi\n".getBytes())
                .post("/api/datasets").then().statusCode(403).contentType("application/problem+json");
        given().header("Origin", "http://evil.example").multiPart("file", "prompts.csv", "prompt\nhi\n".getBytes())
                .post("/api/datasets").then().statusCode(403);
        assertThat(Api.count("/api/datasets")).isEqualTo(datasets);
        // a form post (no preflight) cannot reach an endpoint: only JSON, CSV, JSONL or multipart bodies are read
        given().contentType("text/plain").body(Api.CONSTITUTION).post("/api/constitutions").then().statusCode(415);
        given().contentType("application/x-www-form-urlencoded").formParam("a", "b").post("/api/runs")
                .then().statusCode(415);
    }

    @Test
    void shouldSendSecurityHeadersOnEveryResponse() {
        for (Response response : List.of(Users.anonymous().get("/q/health/live"), Users.anonymous().get("/api/runs"),
                given().get("/api/runs/" + UUID.randomUUID()), given().get("/api/runs"))) {
            assertThat(response.header("X-Content-Type-Options")).as("%s", response.statusLine()).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).as("%s", response.statusLine()).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).as("%s", response.statusLine()).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void shouldConfineModelDirectoriesWithoutTellingWhatExists() throws Exception {
        List<String> outside = List.of("/etc", "/etc/passwd", "/nonexistent", "/srv/x", "target/test-data/../../pom.xml",
                "../" + System.getProperty("user.dir"));
        java.nio.file.Path link = java.nio.file.Path.of("target/test-data/link-" + UUID.randomUUID());
        java.nio.file.Files.createDirectories(link.getParent());
        java.nio.file.Files.createSymbolicLink(link, java.nio.file.Path.of("/etc").toAbsolutePath());
        List<String> details = new ArrayList<>();
        for (String path : new ArrayList<>(outside) {{ add(link.toString()); add(link + "/ssl"); }}) {
            details.add(given().contentType(ContentType.JSON).body(Map.of("path", path)).post("/api/models")
                    .then().statusCode(403).contentType("application/problem+json").extract().path("detail"));
        }
        assertThat(details).containsOnly(details.get(0));
        assertThat(details.get(0)).contains("cai.training.models-dir");

        String dataset = given().contentType(ContentType.JSON)
                .body(List.of(Map.of("instruction", "i", "input", "", "output", "o"))).post("/api/datasets")
                .then().statusCode(201).extract().path("id");
        for (String baseModel : List.of("/srv/x", "../../x", "models/x", "..", "/etc")) {
            given().contentType(ContentType.JSON).body(Map.of("datasetId", dataset, "baseModel", baseModel))
                    .post("/api/training-jobs").then().statusCode(400)
                    .body("detail", equalTo("'baseModel' must be a registered model's id or name, or the name of a "
                            + "directory under cai.training.models-dir; never a path"));
        }
    }

    @Test
    void shouldLogRequestsWithoutCredentialsOrQueryStrings() throws Exception {
        String marker = UUID.randomUUID().toString();
        Users.anonymous().auth().preemptive().basic(Users.VIEWER, "password-" + marker)
                .get("/api/runs/" + marker + "?access_token=token-" + marker).then().statusCode(401);
        Users.as(Users.VIEWER).get("/api/runs?marker=" + marker).then().statusCode(200);
        java.nio.file.Path log = java.nio.file.Path.of("target/test-access.log");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> java.nio.file.Files.exists(log)
                        && java.nio.file.Files.readString(log).contains("/api/runs/" + marker));
        String logged = java.nio.file.Files.readString(log);
        assertThat(logged).doesNotContain("password-" + marker).doesNotContain("token-" + marker)
                .doesNotContain("Basic ").doesNotContain("Authorization");
        assertThat(logged).containsPattern(" viewer \\[[^]]+] \"GET /api/runs\" 200");
    }

    private static String roleOf(String method, String path) {
        if (method.equals("get") || path.equals("/api/constitutions/{id}/preview")) {
            // the prompt preview renders messages and stores nothing: a read, though a POST
            return Roles.VIEWER;
        }
        return path.startsWith("/api/models") || path.startsWith("/api/training-jobs") ? Roles.ADMIN : Roles.OPERATOR;
    }

    private static Response call(io.restassured.specification.RequestSpecification request, String method,
            String path) {
        return method.equals("GET") ? request.get(path)
                : request.contentType(ContentType.JSON).body("{}").request(method, path);
    }
}
