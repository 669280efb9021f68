package io.caitune.preference;

import io.caitune.preference.ParsedChoice.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChoiceParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(A)|A",
            "(B)|B",
            "The answer is (B).|B",
            "The answer is: (A)|A",
            "  **(B)**  |B",
            "(b)|B",
            "( A )|A",
            "B|B",
            "B.|B",
            "The answer is B|B",
            "Answer: A|A",
            "Response A is less harmful.|A",
            "Option B|B",
            "A good reply would be (B).|B",
            "I pick (A) because it is kinder.|A" })
    void shouldReadExactlyOneNamedOption(String reply, Option expected) {
        ParsedChoice choice = ChoiceParser.parse(reply, false);
        assertThat(choice.option()).isEqualTo(expected);
        assertThat(choice.reason()).isEqualTo(Reason.CHOSEN);
        assertThat(reply.charAt(choice.offset())).isIn(expected.name().charAt(0),
                Character.toLowerCase(expected.name().charAt(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "A and B", "(A) and (B)", "Both (A) and (B) are fine", "Option A or option B",
            "(A)\nOn reflection (B) is worse." })
    void shouldRefuseAReplyNamingBothOptions(String reply) {
        ParsedChoice choice = ChoiceParser.parse(reply, false);
        assertThat(choice.option()).isNull();
        assertThat(choice.reason()).isEqualTo(Reason.BOTH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "neither", "Neither response is acceptable.", "They are equally good.",
            "A reply should be kind.", "C", "(C)", "Both are bad" })
    void shouldRefuseAReplyNamingNeitherOption(String reply) {
        ParsedChoice choice = ChoiceParser.parse(reply, false);
        assertThat(choice.option()).isNull();
        assertThat(choice.reason()).isEqualTo(Reason.NEITHER);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "\n\n" })
    void shouldRefuseAnEmptyReply(String reply) {
        assertThat(ChoiceParser.parse(reply, false).reason()).isEqualTo(Reason.EMPTY);
        assertThat(ChoiceParser.parse(null, true).reason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void shouldReadOnlyTheLastLineAfterReasoning() {
        String reply = "Response (A) insults the user, while (B) explains calmly.\nSo (B) is better.\n\n"
                + "So the answer is: (B)\n";
        ParsedChoice choice = ChoiceParser.parse(reply, true);
        assertThat(choice.option()).isEqualTo(Option.B);
        assertThat(choice.reasoning())
                .isEqualTo("Response (A) insults the user, while (B) explains calmly.\nSo (B) is better.");
        assertThat(choice.offset()).isEqualTo(reply.lastIndexOf('B'));
    }

    @Test
    void shouldNotGuessWhenTheLastLineOfReasoningNamesNoOption() {
        ParsedChoice choice = ChoiceParser.parse("(A) is rude.\n(B) is kind.\nThat settles it.", true);
        assertThat(choice.option()).isNull();
        assertThat(choice.reason()).isEqualTo(Reason.NEITHER);
        assertThat(choice.reasoning()).isEqualTo("(A) is rude.\n(B) is kind.");
    }

    @Test
    void shouldReadTheWholeReplyWithoutChainOfThought() {
        // without chain of thought a trailing explanation that names the other option makes the reply ambiguous
        assertThat(ChoiceParser.parse("(B)\nbecause (A) is rude", false).reason()).isEqualTo(Reason.BOTH);
        assertThat(ChoiceParser.parse("(B)\nbecause (A) is rude", true).option()).isEqualTo(Option.A);
    }
}
