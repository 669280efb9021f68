package io.caitune.constitution;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;





import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored constitution in this service's JSON shape, so a GET can be posted back as-is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConstitutionView(UUID id, String name, String description, String sourceFormat, Instant createdAt,
        String createdBy,
        SystemMessages systemMessages, List<PrincipleDoc> principles, List<FewShotDoc> fewShots,
        List<String> comparisonPrinciples, List<ComparisonFewShotDoc> comparisonFewShots) {

    public static ConstitutionView of(Constitution c) {
        return new ConstitutionView(c.id, c.name, c.description, c.sourceFormat, c.createdAt, c.createdBy,
                new SystemMessages(c.answerSystemMessage, c.critiqueSystemMessage, c.revisionSystemMessage),
                c.principles.stream().map(p -> new PrincipleDoc(p.name, p.critique, p.revision)).toList(),
                c.fewShots.stream().map(f -> new FewShotDoc(f.input, f.initialAnswer, f.critiqueRequest, f.critique,
                        f.revisionRequest, f.revision)).toList(),
                List.copyOf(c.comparisonPrinciples),
                c.comparisonFewShots.stream()
                        .map(f -> new ComparisonFewShotDoc(f.task, f.chainOfThought, f.selectedAnswer)).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemMessages(String answer, String critique, String revision) {
    }

    /** A principle; on import, a blank name becomes {@code principle-<n>}. */
    public record PrincipleDoc(
            @Size(max = ConstitutionImporter.MAX_NAME, message = "is longer than " + ConstitutionImporter.MAX_NAME
                    + " characters") String name,
            @NotBlank(message = ConstitutionImporter.NEEDS_BOTH) String critique,
            @NotBlank(message = ConstitutionImporter.NEEDS_BOTH) String revision) {
    }

    /** A few-shot example; on import, a ConstitutionalAiTuning principles file's snake_case names are accepted too. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FewShotDoc(String input, @JsonAlias("initial_answer") String initialAnswer,
            @JsonAlias({ "critique_principle", "critique_request" }) String critiqueRequest, String critique,
            @JsonAlias({ "revision_principle", "revision_request" }) String revisionRequest, String revision) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComparisonFewShotDoc(String task, @JsonAlias("chain_of_thought") String chainOfThought,
            @JsonAlias("selected_answer") String selectedAnswer) {
    }
}
