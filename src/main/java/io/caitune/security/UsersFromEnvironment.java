package io.caitune.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The embedded users whose password variable is set: {@code CAI_ADMIN_PASSWORD}, {@code CAI_OPERATOR_PASSWORD},
 * {@code CAI_VIEWER_PASSWORD}. A user whose variable is unset must not exist at all (the embedded realm refuses
 * an empty password at start-up), which plain {@code ${VAR:}} expressions in application.properties cannot say.
 * Ranks above application.properties, so a variable also replaces the fixed dev-mode password.
 */
public class UsersFromEnvironment implements ConfigSource {

    static final Map<String, String> VARIABLES = Map.of(Roles.ADMIN, "CAI_ADMIN_PASSWORD",
            Roles.OPERATOR, "CAI_OPERATOR_PASSWORD", Roles.VIEWER, "CAI_VIEWER_PASSWORD");
    private static final String USERS = "quarkus.security.users.embedded.users.";
    private static final String ROLES = "quarkus.security.users.embedded.roles.";

    private final Map<String, String> properties = new LinkedHashMap<>();

    public UsersFromEnvironment() {
        this(System.getenv());
    }

    UsersFromEnvironment(Map<String, String> environment) {
        VARIABLES.forEach((user, variable) -> {
            String password = environment.get(variable);
            if (password != null && !password.isBlank()) {
                properties.put(USERS + user, password);
                properties.put(ROLES + user, user);
            }
        });
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "cai-users-from-environment";
    }

    @Override
    public int getOrdinal() {
        return 275; // above application.properties (250), below system properties (400) and the environment (300)
    }
}
