package io.caitune.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from provider text before it is stored, logged or returned: the configured API key, anything
 * shaped like a bearer token ({@code Bearer xyz}, {@code "Authorization": "..."}) and Hugging Face tokens
 * ({@code hf_...}). Providers echo request headers in error bodies, so no provider text goes anywhere without this.
 */
@ApplicationScoped
public class Redactor {

    static final String MASK = "[REDACTED]";
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+|[\"':=]+\\s*)[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(authorization|api[_-]?key|x-api-key)([\"']?\\s*[:=]\\s*[\"']?)[^\"',;\\s}]+(\\s+[^\"',;\\s}]+)?");
    private static final Pattern HF_TOKEN = Pattern.compile("\\bhf_[A-Za-z0-9_-]{6,}");
    private static final Pattern API_STYLE_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}");

    private final String apiKey;

    public Redactor(@ConfigProperty(name = "quarkus.langchain4j.openai.api-key") Optional<String> apiKey) {
        // a short or placeholder key would mask ordinary words
        this.apiKey = apiKey.filter(key -> key.strip().length() >= 6 && !key.equals("not-set")).map(String::strip)
                .orElse(null);
    }

    /** The text with every secret replaced by {@value #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = apiKey == null ? text : text.replace(apiKey, MASK);
        out = AUTHORIZATION.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        out = HF_TOKEN.matcher(out).replaceAll(MASK);
        return API_STYLE_KEY.matcher(out).replaceAll(MASK);
    }
}
