package io.caitune.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.caitune.testing.ModelStubResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The service with an OIDC identity provider configured (the stub): bearer tokens beside HTTP Basic. */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IdentityProvider.class), new TestResourceEntry(ModelStubResource.class));
    }

    /** Starts the stub identity provider and points the OIDC tenant at it. */
    public static class IdentityProvider implements QuarkusTestResourceLifecycleManager {

        private WireMockServer server;
        private OidcStub stub;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            stub = new OidcStub(server);
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", stub.issuer(),
                    "quarkus.oidc.client-id", "cai-tuning-service",
                    "quarkus.oidc.token.principal-claim", "preferred_username",
                    // no clock skew, so a token expired a minute ago is refused at once
                    "quarkus.oidc.token.lifespan-grace", "0");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(stub, new TestInjector.MatchesType(OidcStub.class));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
