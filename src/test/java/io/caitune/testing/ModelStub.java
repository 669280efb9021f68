package io.caitune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.UncheckedIOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Test-side handle on the stub model: scripted replies per stage and the requests it received. */
public class ModelStub {

    public static final String PATH = "/v1/chat/completions";
    public static final String ANSWER = "Initial answer:\nline one\nline two, with a comma";
    public static final String CRITIQUE = "The answer could be more careful.";
    public static final String REVISION = "Revised answer:\n  keeps \"quotes\", commas, and newlines";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    ModelStub(WireMockServer server) {
        this.server = server;
    }

    /** Default script: the stage is recognised from the prompt layout; critique and revision echo their labels. */
    static void reset(WireMockServer server) {
        server.resetAll();
        server.stubFor(chat().atPriority(10).willReturn(completion(ANSWER)));
        server.stubFor(chat().atPriority(5).withRequestBody(containing("CritiqueRequest:"))
                .willReturn(completion("Critique: " + CRITIQUE)));
        server.stubFor(chat().atPriority(4).withRequestBody(containing("RevisionRequest:"))
                .willReturn(completion("Revision: " + REVISION)));
    }

    public void reset() {
        reset(server);
    }

    public WireMockServer server() {
        return server;
    }

    public static MappingBuilder chat() {
        return post(urlPathEqualTo(PATH));
    }

    public static ResponseDefinitionBuilder completion(String content) {
        try {
            String body = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 1_700_000_000)
                    .put("model", "stub")
                    .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
                            .put("finish_reason", "stop")
                            .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content)))));
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests whose body mentions the marker, as parsed JSON, in arrival order. */
    public List<JsonNode> requestsContaining(String marker) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(containing(marker))).stream()
                .map(ModelStub::json).toList();
    }

    public List<LoggedRequest> rawRequestsContaining(String marker) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(containing(marker)));
    }

    /** The text of the last message of the given role in a chat request. */
    public static String message(JsonNode request, String role) {
        String content = null;
        for (JsonNode m : request.get("messages")) {
            if (role.equals(m.get("role").asText())) {
                content = m.get("content").asText();
            }
        }
        return content;
    }

    private static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
