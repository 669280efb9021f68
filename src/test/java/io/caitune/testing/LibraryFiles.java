package io.caitune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of the ConstitutionalAiTuning library (src/test/resources/library) and the chat messages the library builds
 * from them, written out here the way its PromptTemplate writes them, so tests compare the service against it.
 */
public final class LibraryFiles {

    public static final String EDUCATIONAL = "library/educational_assistant_short.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibraryFiles() {
    }

    public record Message(String role, String content) {
    }

    public static String text(String resource) {
        try (InputStream in = LibraryFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        try {
            return JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of a chat-completions request body. */
    public static List<Message> messages(JsonNode request) {
        List<Message> out = new ArrayList<>();
        request.get("messages").forEach(m -> out.add(new Message(m.get("role").asText(), m.get("content").asText())));
        return out;
    }

    /** The library's critique request: system, per few-shot a user and an assistant turn, then the real request. */
    public static List<Message> critique(JsonNode principles, String prompt, String answer, String request) {
        List<Message> out = new ArrayList<>();
        out.add(new Message("system", principles.get("system_message_critique").asText()));
        for (JsonNode shot : principles.get("critique_revision_few_shots")) {
            out.add(new Message("user", "Human: " + get(shot, "input") + "\nAssistant: " + get(shot, "initial_answer")
                    + "\n\n---\nCritiqueRequest: " + get(shot, "critique_principle")));
            out.add(new Message("assistant", "Critique: " + get(shot, "critique")));
        }
        out.add(new Message("user", "Human: " + prompt + "\nAssistant: " + answer + "\n\n---\nCritiqueRequest: " + request));
        return out;
    }

    /**
     * The library's revision request. One documented difference: the library writes the real request's critique
     * request and "Critique:" without a line break between them; the service puts one there.
     */
    public static List<Message> revision(JsonNode principles, String prompt, String answer, String critiqueRequest,
            String critique, String revisionRequest) {
        List<Message> out = new ArrayList<>();
        out.add(new Message("system", principles.get("system_message_revision").asText()));
        for (JsonNode shot : principles.get("critique_revision_few_shots")) {
            out.add(new Message("user", "Human: " + get(shot, "input") + "\nAssistant: " + get(shot, "initial_answer")
                    + "\n---\nCritiqueRequest: " + get(shot, "critique_principle") + "\nCritique: " + get(shot, "critique")
                    + "\n\n---\nRevisionRequest: " + get(shot, "revision_principle")));
            out.add(new Message("assistant", "Revision: " + get(shot, "revision")));
        }
        out.add(new Message("user", "Human: " + prompt + "\nAssistant: " + answer + "\n\n---\nCritiqueRequest: "
                + critiqueRequest + "\nCritique: " + critique + "\n\n---\nRevisionRequest: " + revisionRequest));
        return out;
    }

    /** The library's comparison question, in the layout of its comparison few-shot tasks. */
    public static String comparisonQuestion(String prompt, String principle, String a, String b) {
        return "Consider the following conversation between a human (H) and an assistant (A):\n\nH: " + prompt + "\n\n"
                + principle + "\n(A) [[[" + a + "]]]\n(B) [[[" + b + "]]]";
    }

    private static String get(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asText() : "";
    }
}
