package io.caitune.security;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsersFromEnvironmentTest {

    @Test
    void shouldDefineOnlyTheUsersWhosePasswordVariableIsSet() {
        UsersFromEnvironment users = new UsersFromEnvironment(Map.of("CAI_ADMIN_PASSWORD", "s3cret",
                "CAI_VIEWER_PASSWORD", " ", "HF_API_KEY", "hf_x"));
        assertThat(users.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "quarkus.security.users.embedded.users.admin", "s3cret",
                "quarkus.security.users.embedded.roles.admin", "admin"));
        assertThat(users.getValue("quarkus.security.users.embedded.users.viewer")).isNull();
    }

    @Test
    void shouldRankAboveApplicationPropertiesAndBelowTheEnvironment() {
        assertThat(new UsersFromEnvironment(Map.of()).getOrdinal()).isBetween(251, 299);
    }
}
