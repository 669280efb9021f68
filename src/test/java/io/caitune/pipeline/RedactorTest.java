package io.caitune.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets in provider text: the configured key, bearer tokens, Authorization values and Hugging Face tokens. */
class RedactorTest {

    private final Redactor redactor = new Redactor(Optional.of("my-secret-key-123"));

    @Test
    void shouldMaskTheConfiguredKeyWherever() {
        assertThat(redactor.redact("bad key my-secret-key-123!")).isEqualTo("bad key [REDACTED]!");
    }

    @Test
    void shouldMaskBearerTokensAuthorizationValuesAndHuggingFaceTokens() {
        assertThat(redactor.redact("Authorization: Bearer abc.def-ghi_jkl")).doesNotContain("abc.def-ghi_jkl");
        String key = "sk" + "-live-" + "0123456789abcdef";
        assertThat(redactor.redact("{\"Authorization\":\"Bearer " + key + "\"}"))
                .doesNotContain(key).contains("Authorization");
        String token = "hf" + "_" + "AbCdEf".repeat(3);
        assertThat(redactor.redact("token " + token + " rejected")).doesNotContain(token);
        assertThat(redactor.redact("{\"api_key\": \"zzz-secret-zzz\"}")).doesNotContain("zzz-secret-zzz");
    }

    @Test
    void shouldLeaveOrdinaryTextAlone() {
        String text = "HTTP 503: The model is overloaded, please retry later (bearer of bad news).";
        assertThat(new Redactor(Optional.of("not-set")).redact(text)).isEqualTo(text);
        assertThat(redactor.redact(null)).isNull();
    }
}
