package io.caitune.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A stand-in model provider speaking the OpenAI-compatible chat completions protocol that Hugging Face's router,
 * Inference Endpoints and text-generation-inference serve. The service is pointed at it by configuration only.
 */
public class ModelStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "hf_test_token_never_to_be_logged";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40).jettyAcceptors(2)
                .extensions(BusyEndpoint.INSTANCE));
        server.start();
        ModelStub.reset(server);
        return Map.of(
                "quarkus.langchain4j.openai.base-url", server.baseUrl() + "/v1",
                "quarkus.langchain4j.openai.api-key", API_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new ModelStub(server),
                new TestInjector.AnnotatedAndMatchesType(InjectModelStub.class, ModelStub.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
