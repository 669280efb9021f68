package io.caitune.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.caitune.testing.ModelStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real processes on the real PostgreSQL and RabbitMQ of this machine: two replicas share one run, and a replica
 * killed with SIGKILL mid-run resumes it after a restart. Runs in {@code ./mvnw verify} after packaging; it first
 * builds the PostgreSQL variant of the application (the database kind is fixed at build time).
 */
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPLETED = Pattern.compile(
            "cai_pipeline_samples_total\\{[^}]*outcome=\"completed\"[^}]*} ([0-9.]+)");
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    // -Dcaitest.scaleout.db= gives a checkout of its own database when two suites share one server
    private static final String DB = System.getProperty("caitest.scaleout.db", "cai_tuning_scaleout");

    static WireMockServer model;
    static Path jar;
    static Path logs;

    @BeforeAll
    static void buildPostgresVariantAndStartModel() throws Exception {
        logs = Files.createDirectories(Path.of("target", "scaleout"));
        jar = Path.of("target", "postgres-app", "quarkus-run.jar");
        // the nested build rewrites the artifact record that @QuarkusIntegrationTest launches (and, with -Paot, trains
        // the AOT cache of): it must keep pointing at the main build
        Path artifact = Path.of("target", "quarkus-artifact.properties");
        byte[] mainArtifact = Files.exists(artifact) ? Files.readAllBytes(artifact) : null;
        Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-o", "quarkus:build", "-Dquarkus.profile=postgres",
                "-Dquarkus.package.output-directory=postgres-app", "-Dquarkus.kubernetes.deploy=false")
                .redirectErrorStream(true).redirectOutput(logs.resolve("build.log").toFile()).start();
        int built = build.waitFor();
        if (mainArtifact != null) {
            Files.write(artifact, mainArtifact);
        }
        assertThat(built).as("PostgreSQL build, see target/scaleout/build.log").isZero();
        model = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
        model.start();
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.stop();
        }
    }

    @Test
    void refusesToStartInProductionWithoutAWayToSignIn() throws Exception {
        Path log = logs.resolve("no-credentials.log");
        Files.deleteIfExists(log);
        assertThat(ServiceProcess.startWithoutCredentials(jar, log, settings("postgres"))).isNotZero();
        assertThat(Files.readString(log)).contains("set the environment variable CAI_ADMIN_PASSWORD")
                .contains("QUARKUS_OIDC_AUTH_SERVER_URL");
    }

    @Test
    void twoReplicasShareOneRunAndProcessEachPromptOnce() throws Exception {
        freshDatabase();
        slowModel(40);
        Map<String, String> common = brokered(settings("postgres,rabbitmq"));

        int prompts = 120;
        try (ServiceProcess a = ServiceProcess.start(jar, logs.resolve("replica-a.log"), with(common, "a"));
                ServiceProcess b = ServiceProcess.start(jar, logs.resolve("replica-b.log"), with(common, "b"))) {
            String runId = a.startRun(prompts);
            JsonNode run = b.awaitRun(runId);

            assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(run.get("completed").asInt()).isEqualTo(prompts);
            double byA = completed(a);
            double byB = completed(b);
            assertThat(byA).as("samples completed by replica a").isPositive();
            assertThat(byB).as("samples completed by replica b").isPositive();
            assertThat(byA + byB).isEqualTo(prompts);
            assertThat(modelCalls()).as("one answer, critique and revision per prompt").isEqualTo(3 * prompts);
            assertThat(samplesIn(runId)).isEqualTo(prompts);
        }
    }

    @Test
    void aReplicaKilledForGoodHasItsSamplesTakenOverWithinSeconds() throws Exception {
        freshDatabase();
        slowModel(40);
        Map<String, String> common = brokered(settings("postgres,rabbitmq"));
        int prompts = 240;
        try (ServiceProcess a = ServiceProcess.start(jar, logs.resolve("dead-a.log"), with(common, "a"));
                ServiceProcess b = ServiceProcess.start(jar, logs.resolve("dead-b.log"), with(common, "b"))) {
            String runId = a.startRun(prompts);
            await().atMost(ServiceProcess.timeout()).until(() -> modelCalls() >= 150);
            a.kill();
            long killedAt = System.nanoTime();
            JsonNode run = b.awaitRun(runId);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("ScaleOutIT: run completed %.1f s after replica a was killed for good%n", seconds);

            assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(run.get("completed").asInt()).isEqualTo(prompts);
            assertThat(samplesIn(runId)).isEqualTo(prompts);
            // the dead replica's claims move on after their 30 s lease, not after the old 15 min: well within 2 min
            assertThat(seconds).isLessThan(120);
        }
    }

    @Test
    void aReplicaRestartedAfterTenSecondsTakesItsClaimsBackAtOnce() throws Exception {
        freshDatabase();
        slowModel(40);
        Map<String, String> common = brokered(settings("postgres,rabbitmq"));
        // a lease far longer than the test: only taking its own claims back at start-up can finish the run
        common.put("cai.pipeline.lease", "10m");
        int prompts = 240;
        try (ServiceProcess b = ServiceProcess.start(jar, logs.resolve("restart-b.log"), with(common, "b"))) {
            String runId;
            try (ServiceProcess a = ServiceProcess.start(jar, logs.resolve("restart-a.log"), with(common, "a"))) {
                runId = a.startRun(prompts);
                await().atMost(ServiceProcess.timeout()).until(() -> modelCalls() >= 150);
                a.kill();
            }
            Thread.sleep(10_000);
            try (ServiceProcess again = ServiceProcess.start(jar, logs.resolve("restart-a.log"), with(common, "a"))) {
                long restartedAt = System.nanoTime();
                JsonNode run = again.awaitRun(runId);
                double seconds = (System.nanoTime() - restartedAt) / 1e9;
                System.out.printf("ScaleOutIT: run completed %.1f s after replica a was restarted%n", seconds);

                assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
                assertThat(run.get("completed").asInt()).isEqualTo(prompts);
                assertThat(samplesIn(runId)).isEqualTo(prompts);
                assertThat(seconds).isLessThan(60);
            }
        }
    }

    @Test
    void aKilledReplicaResumesItsRunAfterARestart() throws Exception {
        freshDatabase();
        slowModel(60);
        Map<String, String> settings = with(settings("postgres"), "crashy");
        settings.put("cai.pipeline.concurrency", "8");
        settings.put("cai.pipeline.workers", "10");

        int prompts = 150;
        String runId;
        try (ServiceProcess first = ServiceProcess.start(jar, logs.resolve("crash-before.log"), settings)) {
            runId = first.startRun(prompts);
            await().atMost(ServiceProcess.timeout()).until(() -> modelCalls() >= 90);
            first.kill();
        }
        int callsBeforeKill = modelCalls();
        int storedStages = storedStages(runId);
        assertThat(storedStages).isPositive();

        try (ServiceProcess second = ServiceProcess.start(jar, logs.resolve("crash-after.log"), settings)) {
            JsonNode run = second.awaitRun(runId);
            assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(run.get("completed").asInt()).isEqualTo(prompts);
        }
        assertThat(samplesIn(runId)).isEqualTo(prompts);
        // stored stages are not requested again; only calls whose results were not stored yet at the kill are
        // repeated: at most one per worker thread
        int repeated = modelCalls() - 3 * prompts;
        assertThat(repeated).isBetween(0, 10);
        assertThat(callsBeforeKill).isGreaterThanOrEqualTo(storedStages);
    }

    private static Map<String, String> settings(String profile) {
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.profile", profile);
        settings.put("quarkus.datasource.jdbc.url", PG + DB);
        settings.put("quarkus.langchain4j.openai.base-url", model.baseUrl() + "/v1");
        settings.put("quarkus.langchain4j.openai.api-key", "scale-out");
        settings.put("cai.pipeline.concurrency", "4");
        settings.put("cai.pipeline.workers", "5");
        settings.put("quarkus.log.level", "WARN");
        return settings;
    }

    /** A broker exchange and queue of this test's own. */
    private static Map<String, String> brokered(Map<String, String> common) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        common.put("mp.messaging.outgoing.work-out.exchange.name", "cai.scaleout." + id);
        common.put("mp.messaging.incoming.work-in.exchange.name", "cai.scaleout." + id);
        common.put("mp.messaging.incoming.work-in.queue.name", "cai.scaleout." + id);
        common.put("mp.messaging.incoming.work-in.queue.auto-delete", "true");
        common.put("mp.messaging.outgoing.work-out.exchange.auto-delete", "true");
        common.put("mp.messaging.incoming.work-in.exchange.auto-delete", "true");
        common.put("cai.pipeline.queue-window", "8");
        return common;
    }

    private static Map<String, String> with(Map<String, String> settings, String instance) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put("cai.pipeline.instance-id", instance);
        return copy;
    }

    private static void slowModel(int delayMs) {
        model.resetAll();
        model.stubFor(ModelStub.chat().willReturn(ModelStub.completion("An answer.").withFixedDelay(delayMs)));
    }

    private static double completed(ServiceProcess service) throws Exception {
        Matcher m = COMPLETED.matcher(service.get("/q/metrics"));
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static int modelCalls() {
        return model.findAll(postRequestedFor(urlPathEqualTo(ModelStub.PATH))).size();
    }

    private static int samplesIn(String runId) throws Exception {
        return count("select count(*) from sample where run_id = '" + runId + "' and status = 'COMPLETED'");
    }

    private static int storedStages(String runId) throws Exception {
        return count("select (select count(*) from sample where run_id = '" + runId + "' and initial_answer is not null)"
                + " + (select count(*) from sample_round r join sample s on s.id = r.sample_id where s.run_id = '"
                + runId + "') + (select count(*) from sample_round r join sample s on s.id = r.sample_id "
                + "where s.run_id = '" + runId + "' and r.revision is not null)");
    }

    private static int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + DB, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void freshDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DB + " with (force)");
            c.createStatement().execute("create database " + DB);
        }
    }
}
