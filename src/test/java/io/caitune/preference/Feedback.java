package io.caitune.preference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.caitune.testing.ModelStub.chat;

/** Stubs for the preference tests: answers picked by sampling seed, feedback replies picked by what is shown as (A). */
final class Feedback {

    static final String MARKER = "Consider the following conversation between a human (H) and an assistant (A):";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Feedback() {
    }

    /** An answer request of the given run seed, prompt position and answer index. */
    static MappingBuilder answerRequest(String token, long runSeed, int position, int index) {
        return chat().withRequestBody(containing(token))
                .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(AnswerSeeds.seed(runSeed, position, index)))));
    }

    /** A feedback request whose option (A) is the given text. */
    static MappingBuilder askedWithA(String token, String optionA) {
        return chat().withRequestBody(containing(MARKER)).withRequestBody(containing(token))
                .withRequestBody(containing("(A) [[[" + optionA));
    }

    /**
     * A chat completion with OpenAI-style log-probabilities: the reply is split into the given tokens; the token
     * holding the letter gets top alternatives A and B with the given probability of A.
     */
    static ResponseDefinitionBuilder withLogprobs(String[] tokens, int letterToken, double probabilityA) {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode content = logprobs.putArray("content");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            text.append(tokens[i]);
            ObjectNode t = content.addObject().put("token", tokens[i]).put("logprob", -0.01);
            ArrayNode top = t.putArray("top_logprobs");
            if (i == letterToken) {
                t.put("logprob", Math.log(tokens[i].contains("A") ? probabilityA : 1 - probabilityA));
                top.addObject().put("token", "A").put("logprob", Math.log(probabilityA));
                top.addObject().put("token", "B").put("logprob", Math.log(1 - probabilityA));
                top.addObject().put("token", "C").put("logprob", Math.log(1e-6));
            } else {
                top.addObject().put("token", tokens[i]).put("logprob", -0.01);
            }
        }
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "stub");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text.toString());
        choice.set("logprobs", logprobs);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
