package io.caitune.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.caitune.web.ProblemException;
import io.caitune.web.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Reads prompts from the files users bring: CSV with a header row, alpaca JSON arrays or JSONL
 * ({@code instruction}, {@code input}, {@code output}), or plain JSON lists of strings.
 * Text is kept exactly as written: newlines and braces included.
 */
@ApplicationScoped
public class PromptFileParser {

    public static final String DEFAULT_PROMPT_COLUMN = "prompt";
    public static final String DEFAULT_ID_COLUMN = "id";
    /** The length of dataset_prompt.external_id and sample.prompt_id. */
    static final int MAX_ID = 200;

    private final ObjectMapper json;
    private final CsvMapper csv = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    public PromptFileParser(ObjectMapper json) {
        this.json = json;
    }

    public List<ParsedPrompt> parse(Reader reader, PromptFormat format, String promptColumn, String idColumn) {
        try {
            List<ParsedPrompt> prompts = switch (format) {
                case CSV -> parseCsv(reader, promptColumn, idColumn);
                case JSON -> parseJsonArray(reader);
                case JSONL -> parseJsonLines(reader);
            };
            if (prompts.isEmpty()) {
                throw ProblemException.badRequest("The file holds no prompts");
            }
            return prompts;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(format == PromptFormat.CSV
                    ? "Malformed CSV: " + e.getOriginalMessage() + location(e)
                    : ProblemMappers.describe(e));
        } catch (IOException e) {
            throw ProblemException.badRequest("Could not read the file: " + e.getMessage());
        }
    }

    private List<ParsedPrompt> parseCsv(Reader reader, String promptColumn, String idColumn) throws IOException {
        List<ParsedPrompt> prompts = new ArrayList<>();
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(reader)) {
            if (!rows.hasNextValue()) {
                throw ProblemException.badRequest("The CSV file is empty: expected a header row naming a '"
                        + DEFAULT_PROMPT_COLUMN + "' column");
            }
            String[] header = rows.nextValue();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            int promptIndex = promptColumnIndex(header, promptColumn);
            int idIndex = columnIndex(header, idColumn == null ? DEFAULT_ID_COLUMN : idColumn);
            if (idColumn != null && idIndex < 0) {
                throw ProblemException.badRequest("The CSV has no id column '" + idColumn + "'; columns found: "
                        + String.join(", ", header));
            }
            int row = 1;
            while (rows.hasNextValue()) {
                String[] values = rows.nextValue();
                row++;
                if (values.length != header.length) {
                    throw ProblemException.badRequest("CSV row " + row + " has " + values.length + " fields but the "
                            + "header names " + header.length + " (" + String.join(", ", header) + ")");
                }
                String prompt = values[promptIndex];
                if (prompt == null || prompt.isBlank()) {
                    throw ProblemException.badRequest("CSV row " + row + " has an empty '" + header[promptIndex]
                            + "' column");
                }
                ObjectNode metadata = json.createObjectNode();
                for (int i = 0; i < header.length; i++) {
                    if (i != promptIndex) {
                        metadata.put(header[i], values[i]);
                    }
                }
                String id = idIndex >= 0 && !values[idIndex].isBlank() ? values[idIndex]
                        : String.valueOf(prompts.size() + 1);
                checkId(id, "CSV row " + row);
                prompts.add(new ParsedPrompt(id, prompt, PreferencePair.chosen(metadata), metadata));
            }
        }
        return prompts;
    }

    /** The columns of a CSV that {@link #parse} accepted, and which of them it took as the prompt and the id. */
    public record CsvColumns(List<String> columns, String promptColumn, String idColumn) {
    }

    /** The column choice {@link #parse} makes for this CSV text; call after it parsed the same text. */
    public CsvColumns csvColumns(String text, String promptColumn, String idColumn) {
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(text)) {
            String[] header = rows.nextValue();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            int idIndex = columnIndex(header, idColumn == null ? DEFAULT_ID_COLUMN : idColumn);
            return new CsvColumns(List.of(header), header[promptColumnIndex(header, promptColumn)],
                    idIndex < 0 ? null : header[idIndex]);
        } catch (IOException e) {
            throw ProblemException.badRequest("Could not read the file: " + e.getMessage());
        }
    }

    private static int promptColumnIndex(String[] header, String requested) {
        int index = columnIndex(header, requested == null ? DEFAULT_PROMPT_COLUMN : requested);
        if (index >= 0) {
            return index;
        }
        if (requested == null && header.length == 1) {
            return 0;
        }
        throw ProblemException.badRequest("The CSV has no prompt column '"
                + (requested == null ? DEFAULT_PROMPT_COLUMN : requested) + "'; columns found: "
                + String.join(", ", header) + ". Name the column with ?promptColumn=");
    }

    private static int columnIndex(String[] header, String name) {
        return IntStream.range(0, header.length)
                .filter(i -> header[i].strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(-1);
    }

    private List<ParsedPrompt> parseJsonArray(Reader reader) throws IOException {
        JsonNode root = json.readTree(reader);
        if (root == null || !root.isArray()) {
            throw ProblemException.badRequest("Expected a JSON array of strings or of alpaca objects "
                    + "({instruction, input, output}), got " + (root == null ? "nothing" : describe(root)));
        }
        List<ParsedPrompt> prompts = new ArrayList<>();
        for (JsonNode item : root) {
            prompts.add(item(item, prompts.size() + 1, "item " + (prompts.size() + 1)));
        }
        return prompts;
    }

    private List<ParsedPrompt> parseJsonLines(Reader reader) throws IOException {
        List<ParsedPrompt> prompts = new ArrayList<>();
        String[] lines = new java.io.BufferedReader(reader).lines().toArray(String[]::new);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode item;
            try {
                item = json.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw ProblemException.badRequest("Malformed JSON on line " + (i + 1) + ": " + e.getOriginalMessage());
            }
            prompts.add(item(item, prompts.size() + 1, "line " + (i + 1)));
        }
        return prompts;
    }

    private ParsedPrompt item(JsonNode item, int number, String where) {
        if (item.isTextual()) {
            requireText(item.asText(), where);
            ObjectNode metadata = json.createObjectNode();
            return new ParsedPrompt(String.valueOf(number), item.asText(), null, metadata);
        }
        if (!item.isObject()) {
            throw ProblemException.badRequest(where + ": expected a string or an object, got " + describe(item));
        }
        ObjectNode row = (ObjectNode) item;
        String prompt;
        if (row.hasNonNull("instruction")) {
            // alpaca: the instruction, then its input when there is one
            String instruction = textField(row, "instruction", where);
            String input = row.hasNonNull("input") ? textField(row, "input", where) : "";
            prompt = input.isBlank() ? instruction : instruction + "\n\n" + input;
        } else if (row.hasNonNull("prompt") && row.get("prompt").isArray()) {
            // TRL's conversational preference format: the prompt is a message list
            prompt = PreferencePair.lastContent(row.get("prompt"), "user");
        } else if (row.hasNonNull("prompt")) {
            prompt = textField(row, "prompt", where);
        } else {
            throw ProblemException.badRequest(where + ": expected an 'instruction' (alpaca) or a 'prompt' field; "
                    + "fields found: " + String.join(", ", (Iterable<String>) row::fieldNames));
        }
        requireText(prompt, where);
        String target = row.hasNonNull("output") ? textField(row, "output", where) : PreferencePair.chosen(row);
        JsonNode id = row.get("id");
        String externalId = id != null && (id.isTextual() || id.isNumber()) ? id.asText() : String.valueOf(number);
        checkId(externalId, where);
        return new ParsedPrompt(externalId, prompt, target, row);
    }

    private static String textField(ObjectNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (!value.isTextual()) {
            throw ProblemException.badRequest(where + ": '" + field + "' must be a string, got " + describe(value));
        }
        return value.asText();
    }

    private static void checkId(String id, String where) {
        if (id.length() > MAX_ID) {
            throw ProblemException.badRequest(where + ": the id is " + id.length() + " characters long; at most "
                    + MAX_ID + " are kept");
        }
    }

    private static void requireText(String prompt, String where) {
        if (prompt.isBlank()) {
            throw ProblemException.badRequest(where + ": the prompt is empty");
        }
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

}
