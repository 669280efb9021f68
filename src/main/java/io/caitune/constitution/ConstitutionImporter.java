package io.caitune.constitution;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.caitune.constitution.ConstitutionView.ComparisonFewShotDoc;
import io.caitune.constitution.ConstitutionView.FewShotDoc;
import io.caitune.constitution.ConstitutionView.PrincipleDoc;
import io.caitune.constitution.ConstitutionView.SystemMessages;
import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import io.caitune.web.ProblemMappers;
import io.caitune.web.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads a constitution from either the service's own JSON or a ConstitutionalAiTuning principles file
 * (current and older key names), unchanged: Jackson binds both into {@link ConstitutionImport} and Bean Validation
 * checks it. Anything else is rejected with a 400 that says what was expected and where.
 */
@ApplicationScoped
public class ConstitutionImporter {

    static final int MAX_NAME = 200;
    static final String NEEDS_BOTH = "needs a non-empty 'critique' and 'revision'";

    private final ObjectMapper mapper;
    private final Validator validator;

    public ConstitutionImporter(ObjectMapper mapper, Validator validator) {
        // strict where the shared mapper is lenient: a number or boolean is not text, and no text holds a NUL
        this.mapper = mapper.copy().registerModule(new SimpleModule().addDeserializer(String.class, new StrictJson.NoNulText()));
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            this.mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.validator = validator;
    }

    public Constitution read(String body, String nameOverride) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw ProblemException.badRequest("Expected a JSON object with 'principles' (this service's format) or "
                    + "'critique_revision_principles' (a ConstitutionalAiTuning principles file), got "
                    + type(root));
        }
        boolean principlesFile = ConstitutionImport.PRINCIPLES_FILE_KEYS.stream().anyMatch(root::has);
        if (!principlesFile && !root.has("principles")) {
            throw ProblemException.badRequest("Unrecognised constitution: expected 'principles' (this service's "
                    + "format) or 'critique_revision_principles' (a ConstitutionalAiTuning principles file); keys found: "
                    + String.join(", ", (Iterable<String>) root::fieldNames));
        }
        ConstitutionImport in = bind(root);
        Constitution constitution = principlesFile ? fromPrinciplesFile(in) : fromDocument(in);
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

    /** Binds and validates; every problem is reported with the path of the key as it was posted. */
    private ConstitutionImport bind(JsonNode root) {
        ConstitutionImport in;
        try {
            in = mapper.treeToValue(root, ConstitutionImport.class);
        } catch (StrictJson.NulInText e) {
            throw ProblemException.badRequest("'" + ProblemMappers.fieldPath(e) + "' must not contain NUL characters (U+0000)");
        } catch (MismatchedInputException e) {
            throw ProblemException.badRequest(mismatch(ProblemMappers.fieldPath(e), e.getTargetType(), root));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(ProblemMappers.describe(e));
        }
        // the list keys as posted, for the problem details
        Map<String, String> posted = Map.of(
                "principles", key(root, "principles", "critique_revision_principles", "critique_revision_requests"),
                "fewShots", key(root, "fewShots", "critique_revision_few_shots", "examples"),
                "comparisonPrinciples", key(root, "comparisonPrinciples", "comparison_principles"),
                "comparisonFewShots", key(root, "comparisonFewShots", "comparison_few_shots"));
        String violations = validator.validate(in).stream()
                .map(v -> "'" + where(v, posted) + "' " + v.getMessage())
                .distinct().sorted().collect(Collectors.joining("; "));
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest(violations);
        }
        return in;
    }

    private static Constitution fromPrinciplesFile(ConstitutionImport in) {
        Constitution c = common(in);
        c.sourceFormat = "cai-tuning-principles";
        c.answerSystemMessage = in.answerSystemMessage();
        c.critiqueSystemMessage = in.critiqueSystemMessage();
        c.revisionSystemMessage = in.revisionSystemMessage();
        return c;
    }

    private static Constitution fromDocument(ConstitutionImport in) {
        Constitution c = common(in);
        c.sourceFormat = "cai-tuning-service";
        SystemMessages system = in.systemMessages();
        if (system != null) {
            c.answerSystemMessage = system.answer();
            c.critiqueSystemMessage = system.critique();
            c.revisionSystemMessage = system.revision();
        }
        return c;
    }

    private static Constitution common(ConstitutionImport in) {
        Constitution c = new Constitution();
        c.name = in.name();
        c.description = in.description();
        List<PrincipleDoc> principles = orEmpty(in.principles());
        for (int i = 0; i < principles.size(); i++) {
            PrincipleDoc p = principles.get(i);
            String name = p.name() == null || p.name().isBlank() ? "principle-" + (i + 1) : p.name();
            c.principles.add(new Principle(name, p.critique(), p.revision()));
        }
        for (FewShotDoc shot : orEmpty(in.fewShots())) {
            FewShot f = new FewShot();
            f.input = shot.input();
            f.initialAnswer = shot.initialAnswer();
            f.critiqueRequest = shot.critiqueRequest();
            f.critique = shot.critique();
            f.revisionRequest = shot.revisionRequest();
            f.revision = shot.revision();
            c.fewShots.add(f);
        }
        c.comparisonPrinciples = new ArrayList<>(orEmpty(in.comparisonPrinciples()));
        for (ComparisonFewShotDoc shot : orEmpty(in.comparisonFewShots())) {
            ComparisonFewShot f = new ComparisonFewShot();
            f.task = shot.task();
            f.chainOfThought = shot.chainOfThought();
            f.selectedAnswer = shot.selectedAnswer();
            c.comparisonFewShots.add(f);
        }
        return c;
    }

    /** What was expected where a value of the wrong kind was posted. */
    private static String mismatch(String path, Class<?> target, JsonNode root) {
        String where = "'" + path + "' ";
        if (target != null && Collection.class.isAssignableFrom(target)) {
            return where + "must be a JSON array";
        }
        if (target == PrincipleDoc.class) {
            return where + "must be an object with 'critique' and 'revision'";
        }
        if (target == SystemMessages.class) {
            return where + "must be an object with 'answer', 'critique' and 'revision'";
        }
        if (target == String.class && path.endsWith("]")) {
            return where + "must be a non-empty string";
        }
        if (target == String.class) {
            return where + "must be a string";
        }
        return where + "must be an object, got " + type(root.at(pointer(path)));
    }

    /**
     * A violation's path in the posted key names: {@code principles[0].critique} → {@code principles[0]} for the
     * two-sided critique/revision rule, container-element nodes dropped, and the first key as posted.
     */
    private static String where(ConstraintViolation<?> v, Map<String, String> posted) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            String name = node.getKind() == ElementKind.CONTAINER_ELEMENT ? "" : node.getName();
            String index = node.getIndex() != null ? "[" + node.getIndex() + "]" : "";
            if (!index.isEmpty() && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
            }
            if (name != null && !name.isEmpty()) {
                parts.add(name);
            }
        }
        if (!parts.isEmpty()) {
            String first = parts.get(0);
            int index = first.indexOf('[');
            String name = index < 0 ? first : first.substring(0, index);
            parts.set(0, posted.getOrDefault(name, name) + (index < 0 ? "" : first.substring(index)));
        }
        if (NEEDS_BOTH.equals(v.getMessage()) && parts.size() > 1) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts);
    }

    /** The first of the keys the object has; the first key when it has none. */
    private static String key(JsonNode root, String... keys) {
        for (String key : keys) {
            if (root.has(key)) {
                return key;
            }
        }
        return keys[0];
    }

    private static JsonPointer pointer(String path) {
        return JsonPointer.compile("/" + path.replace("[", "/").replace("]", "").replace(".", "/"));
    }

    private static String type(JsonNode node) {
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static <T> List<T> orEmpty(Collection<T> items) {
        return items == null ? List.of() : new ArrayList<>(items);
    }
}
