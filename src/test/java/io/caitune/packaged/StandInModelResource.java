package io.caitune.packaged;

import io.caitune.testing.Users;

import io.caitune.bench.StandInModelServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmark's stand-in model endpoint (2 ms, 64 concurrent requests) for the packaged service, with the
 * production storage kind (an H2 file, not the test profile's in-memory database) in a directory of its own: what
 * the integration tests exercise is what the AOT cache records, so it should be what a replica runs.
 */
public class StandInModelResource implements QuarkusTestResourceLifecycleManager {

    static final int CAP = 64;

    private StandInModelServer model;

    @Override
    public Map<String, String> start() {
        try {
            model = new StandInModelServer(CAP, 2);
            Path dir = Files.createDirectories(Path.of("target", "packaged-it")).toAbsolutePath();
            Path data = Files.createTempDirectory(dir, "run");
            return Map.of(
                    "quarkus.langchain4j.openai.base-url", "http://127.0.0.1:" + model.port() + "/v1",
                    "quarkus.langchain4j.openai.api-key", "packaged-it",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + data.resolve("cai")
                            + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;CACHE_SIZE=8192",
                    "cai.pipeline.concurrency", String.valueOf(CAP),
                    "cai.pipeline.workers", String.valueOf(CAP + CAP / 4),
                    "cai.training.checkpoint-dir", data.resolve("checkpoints").toString(),
                    "cai.training.models-dir", data.resolve("models").toString(),
                    // the prod profile refuses to start without a way to sign in (CAI_ADMIN_PASSWORD in a deployment)
                    "quarkus.security.users.embedded.users." + Users.ADMIN, Users.password(Users.ADMIN),
                    "quarkus.security.users.embedded.roles." + Users.ADMIN, Users.ADMIN);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the stand-in model endpoint", e);
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            try {
                model.close();
            } catch (Exception e) {
                // the JVM ends with the test run
            }
        }
    }
}
