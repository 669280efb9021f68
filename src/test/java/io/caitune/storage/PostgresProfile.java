package io.caitune.storage;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Runs the application on the real PostgreSQL server of this machine (127.0.0.1:5432, user postgres, trust auth),
 * database {@code cai_tuning_test} (created by .ci/run). db-kind is a build-time setting; a test profile rebuilds.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", System.getProperty("caitest.postgres.url",
                        "jdbc:postgresql://127.0.0.1:5432/cai_tuning_test"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false");
    }
}
