package io.caitune.constitution;

import com.fasterxml.jackson.annotation.JsonInclude;





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

    public record PrincipleDoc(String name, String critique, String revision) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FewShotDoc(String input, String initialAnswer, String critiqueRequest, String critique,
            String revisionRequest, String revision) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComparisonFewShotDoc(String task, String chainOfThought, String selectedAnswer) {
    }
}
