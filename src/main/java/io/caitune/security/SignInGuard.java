package io.caitune.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;

/**
 * Refuses to start a production process nobody could sign in to: without an admin password and without an
 * identity provider every API call would be refused, and a half-configured deployment is better stopped at once
 * with a message saying what to set. Dev mode and tests have fixed, documented passwords.
 */
@ApplicationScoped
public class SignInGuard {

    static final String ADMIN_PASSWORD = "quarkus.security.users.embedded.users.admin";

    void check(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        boolean oidc = config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false)
                && present(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class));
        boolean admin = present(config.getOptionalValue(ADMIN_PASSWORD, String.class));
        if (!oidc && !admin) {
            throw new IllegalStateException("No way to sign in is configured: set the environment variable "
                    + "CAI_ADMIN_PASSWORD (HTTP Basic user 'admin'), or an OIDC identity provider with "
                    + "CAI_OIDC_ENABLED=true and QUARKUS_OIDC_AUTH_SERVER_URL=<issuer URL> (see README, "
                    + "'Users and roles')");
        }
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
