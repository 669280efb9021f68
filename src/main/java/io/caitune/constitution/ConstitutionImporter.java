package io.caitune.constitution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import io.caitune.web.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a constitution from either the service's own JSON or a ConstitutionalAiTuning principles file
 * (current and older key names), unchanged. Anything else is rejected with a 400 that says what was expected.
 */
@ApplicationScoped
public class ConstitutionImporter {

    static final int MAX_NAME = 200;

    private final ObjectMapper mapper;

    public ConstitutionImporter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Constitution read(String body, String nameOverride) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw ProblemException.badRequest("Expected a JSON object with 'principles' (this service's format) or "
                    + "'critique_revision_principles' (a ConstitutionalAiTuning principles file), got "
                    + root.getNodeType().toString().toLowerCase());
        }
        Constitution constitution = isSeedFile(root) ? fromSeedFile(root) : fromDocument(root);
        if (nameOverride != null && !nameOverride.isBlank()) {
            constitution.name = nameOverride.strip();
        }
        if (constitution.name == null || constitution.name.isBlank()) {
            constitution.name = "Imported constitution";
        }
        if (constitution.name.length() > MAX_NAME) {
            throw ProblemException.badRequest("'name' is longer than " + MAX_NAME + " characters");
        }
        if (constitution.principles.isEmpty()) {
            throw ProblemException.badRequest("The constitution has no principles: give at least one "
                    + "{critique, revision} pair in 'principles' (or 'critique_revision_principles' in a principles file)");
        }
        constitution.id = UUID.randomUUID();
        constitution.createdAt = Instant.now();
        constitution.createdBy = CurrentUser.name();
        return constitution;
    }

    private JsonNode parse(String body) {
        if (body != null && body.startsWith("\uFEFF")) {
            body = body.substring(1); // a byte order mark, as editors on Windows write them
        }
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("The request body is empty: expected a constitution JSON object");
        }
        if (body.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("The constitution holds a NUL character (U+0000) at character "
                    + body.indexOf('\u0000') + "; NULs cannot be stored");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(ProblemMappers.describe(e));
        }
    }

    private static boolean isSeedFile(JsonNode root) {
        return root.has("critique_revision_principles") || root.has("critique_revision_requests")
                || root.has("critique_revision_few_shots") || root.has("system_message_user_prompt")
                || root.has("system_message_question");
    }

    private static Constitution fromSeedFile(JsonNode root) {
        Constitution c = new Constitution();
        c.sourceFormat = "cai-tuning-principles";
        c.name = text(root, "name");
        c.description = text(root, "description");
        c.answerSystemMessage = firstText(root, "system_message_user_prompt", "system_message_question");
        c.critiqueSystemMessage = text(root, "system_message_critique");
        c.revisionSystemMessage = text(root, "system_message_revision");
        String principlesKey = root.has("critique_revision_principles") ? "critique_revision_principles"
                : "critique_revision_requests";
        c.principles = principles(root, principlesKey);
        String shotsKey = root.has("critique_revision_few_shots") ? "critique_revision_few_shots" : "examples";
        for (JsonNode shot : objects(root, shotsKey)) {
            FewShot f = new FewShot();
            f.input = text(shot, "input");
            f.initialAnswer = text(shot, "initial_answer");
            f.critiqueRequest = firstText(shot, "critique_principle", "critique_request");
            f.critique = text(shot, "critique");
            f.revisionRequest = firstText(shot, "revision_principle", "revision_request");
            f.revision = text(shot, "revision");
            c.fewShots.add(f);
        }
        c.comparisonPrinciples = strings(root, "comparison_principles");
        for (JsonNode shot : objects(root, "comparison_few_shots")) {
            ComparisonFewShot f = new ComparisonFewShot();
            f.task = text(shot, "task");
            f.chainOfThought = text(shot, "chain_of_thought");
            f.selectedAnswer = text(shot, "selected_answer");
            c.comparisonFewShots.add(f);
        }
        return c;
    }

    private static Constitution fromDocument(JsonNode root) {
        if (!root.has("principles")) {
            throw ProblemException.badRequest("Unrecognised constitution: expected 'principles' (this service's "
                    + "format) or 'critique_revision_principles' (a ConstitutionalAiTuning principles file); keys found: "
                    + String.join(", ", iterable(root.fieldNames())));
        }
        Constitution c = new Constitution();
        c.sourceFormat = "cai-tuning-service";
        c.name = text(root, "name");
        c.description = text(root, "description");
        JsonNode system = root.path("systemMessages");
        if (!system.isMissingNode() && !system.isNull() && !system.isObject()) {
            throw ProblemException.badRequest("'systemMessages' must be an object with 'answer', 'critique' and "
                    + "'revision'");
        }
        c.answerSystemMessage = text(system, "answer");
        c.critiqueSystemMessage = text(system, "critique");
        c.revisionSystemMessage = text(system, "revision");
        c.principles = principles(root, "principles");
        for (JsonNode shot : objects(root, "fewShots")) {
            FewShot f = new FewShot();
            f.input = text(shot, "input");
            f.initialAnswer = text(shot, "initialAnswer");
            f.critiqueRequest = text(shot, "critiqueRequest");
            f.critique = text(shot, "critique");
            f.revisionRequest = text(shot, "revisionRequest");
            f.revision = text(shot, "revision");
            c.fewShots.add(f);
        }
        c.comparisonPrinciples = strings(root, "comparisonPrinciples");
        for (JsonNode shot : objects(root, "comparisonFewShots")) {
            ComparisonFewShot f = new ComparisonFewShot();
            f.task = text(shot, "task");
            f.chainOfThought = text(shot, "chainOfThought");
            f.selectedAnswer = text(shot, "selectedAnswer");
            c.comparisonFewShots.add(f);
        }
        return c;
    }

    private static List<Principle> principles(JsonNode root, String key) {
        List<Principle> principles = new ArrayList<>();
        int i = 0;
        for (JsonNode p : array(root, key)) {
            String where = key + "[" + i + "]";
            if (!p.isObject()) {
                throw ProblemException.badRequest("'" + where + "' must be an object with 'critique' and 'revision'");
            }
            String critique = text(p, "critique");
            String revision = text(p, "revision");
            if (critique == null || critique.isBlank() || revision == null || revision.isBlank()) {
                throw ProblemException.badRequest("'" + where + "' needs a non-empty 'critique' and 'revision'");
            }
            String name = text(p, "name");
            if (name == null || name.isBlank()) {
                name = "principle-" + (i + 1);
            } else if (name.length() > MAX_NAME) {
                throw ProblemException.badRequest("'" + where + ".name' is longer than " + MAX_NAME + " characters");
            }
            principles.add(new Principle(name, critique, revision));
            i++;
        }
        return principles;
    }

    private static List<String> strings(JsonNode root, String key) {
        List<String> values = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(root, key)) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw ProblemException.badRequest("'" + key + "[" + i + "]' must be a non-empty string");
            }
            values.add(noNul(key + "[" + i + "]", n.asText()));
            i++;
        }
        return values;
    }

    /** An array whose items must all be objects: a number or a string is not an example. */
    private static Iterable<JsonNode> objects(JsonNode root, String key) {
        List<JsonNode> items = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(root, key)) {
            if (!item.isObject()) {
                throw ProblemException.badRequest("'" + key + "[" + i + "]' must be an object, got "
                        + item.getNodeType().toString().toLowerCase());
            }
            items.add(item);
            i++;
        }
        return items;
    }

    private static Iterable<JsonNode> array(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ProblemException.badRequest("'" + key + "' must be a JSON array");
        }
        return node;
    }

    private static String firstText(JsonNode node, String key, String olderKey) {
        String value = text(node, key);
        return value != null ? value : text(node, olderKey);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest("'" + key + "' must be a string");
        }
        return noNul(key, value.asText());
    }

    private static String noNul(String key, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("'" + key + "' must not contain NUL characters (U+0000)");
        }
        return value;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
