package io.caitune.pipeline;

import dev.langchain4j.spi.prompt.PromptTemplateFactory;
import io.quarkiverse.langchain4j.QuarkusPromptTemplateFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quarkus LangChain4j's Qute prompt templates, parsed once per template text instead of once per model call: the AI
 * services build a {@code PromptTemplate} from the annotation's text on every call, and Qute parses it again each
 * time (4 % of a cold run's CPU samples, for text that never changes). Rendering is Qute's own, so prompts are
 * byte-for-byte the same. Registered ahead of Quarkus' factory through {@code META-INF/services}; the texts are the
 * few {@code @SystemMessage}/{@code @UserMessage} annotations, so the map stays small (and is capped regardless).
 */
public class ParsedPromptTemplates implements PromptTemplateFactory {

    private static final int MAX_TEMPLATES = 256;
    private static final AtomicLong PARSED = new AtomicLong();

    private final PromptTemplateFactory qute = new QuarkusPromptTemplateFactory();
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    @Override
    public Template create(Input input) {
        String text = input.getTemplate();
        Template template = parsed.get(text);
        if (template == null) {
            PARSED.incrementAndGet();
            template = qute.create(input);
            if (parsed.size() < MAX_TEMPLATES) {
                parsed.putIfAbsent(text, template);
            }
        }
        return template;
    }

    /** How many template texts were parsed in this process (read by the tests). */
    public static long parsedCount() {
        return PARSED.get();
    }
}
