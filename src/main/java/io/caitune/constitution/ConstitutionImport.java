package io.caitune.constitution;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.caitune.constitution.ConstitutionView.ComparisonFewShotDoc;
import io.caitune.constitution.ConstitutionView.FewShotDoc;
import io.caitune.constitution.ConstitutionView.PrincipleDoc;
import io.caitune.constitution.ConstitutionView.SystemMessages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * A constitution as posted: this service's own JSON (the shape {@link ConstitutionView} shows, so a GET posts back
 * as-is) or a ConstitutionalAiTuning principles file, whose current and older key names are aliases here. Keys
 * neither knows are ignored, as the stored fields ({@code id}, {@code createdAt}, ...) of a posted-back GET.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConstitutionImport(
        String name,
        String description,
        /* this service's format */
        SystemMessages systemMessages,
        /* a principles file's system messages, flat */
        @JsonProperty("system_message_user_prompt") @JsonAlias("system_message_question") String answerSystemMessage,
        @JsonProperty("system_message_critique") String critiqueSystemMessage,
        @JsonProperty("system_message_revision") String revisionSystemMessage,
        @JsonAlias({ "critique_revision_principles", "critique_revision_requests" }) List<@NotNull(message = "must be an object with 'critique' and 'revision'") @Valid PrincipleDoc> principles,
        @JsonAlias({ "critique_revision_few_shots", "examples" }) List<@NotNull(message = NOT_NULL) FewShotDoc> fewShots,
        @JsonAlias("comparison_principles") List<@NotBlank(message = "must be a non-empty string") String> comparisonPrinciples,
        @JsonAlias("comparison_few_shots") List<@NotNull(message = NOT_NULL) ComparisonFewShotDoc> comparisonFewShots) {

    static final String NOT_NULL = "must be an object, got null";

    /** Keys only a ConstitutionalAiTuning principles file has. */
    static final List<String> PRINCIPLES_FILE_KEYS = List.of("critique_revision_principles",
            "critique_revision_requests", "critique_revision_few_shots", "system_message_user_prompt",
            "system_message_question");
}
