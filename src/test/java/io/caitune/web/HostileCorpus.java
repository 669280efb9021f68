package io.caitune.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests a careless or hostile client sends, over every endpoint. Each must be refused with a 4xx problem JSON and
 * store nothing. Targets hold placeholders the test fills with its fixtures: {constitution}, {dataset}, {alpaca}
 * (a dataset with targets), {run} (a completed SFT run), {model} (a tiny GPT-2), {broken} (a model whose weights were
 * damaged after registration).
 */
final class HostileCorpus {

    /** One request; {@code expected} is the exact status it must get. */
    record Hostile(String name, String method, String target, Map<String, String> headers, byte[] body,
            int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String UNKNOWN = "123e4567-e89b-12d3-a456-426614174000";
    private static final String JSON = "application/json";
    private static final String LONG = "x".repeat(300);

    private final List<Hostile> cases = new ArrayList<>();

    private HostileCorpus() {
    }

    static List<Hostile> all() {
        HostileCorpus c = new HostileCorpus();
        c.ids();
        c.queryParameters();
        c.constitutions();
        c.datasets();
        c.runs();
        c.evaluations();
        c.trainingJobs();
        c.models();
        c.generation();
        c.httpLayer();
        return c.cases;
    }

    // ---- ids in paths: every endpoint with an id, malformed and unknown

    private void ids() {
        List<String> gets = List.of("/api/constitutions/%s", "/api/datasets/%s", "/api/runs/%s",
                "/api/runs/%s/samples", "/api/runs/%s/events", "/api/runs/%s/export", "/api/runs/%s/comparisons",
                "/api/runs/%s/evaluations", "/api/evaluations/%s", "/api/datasets/%s/evaluations",
                "/api/training-jobs/%s", "/api/models/%s");
        List<String> posts = List.of("/api/runs/%s/cancel", "/api/runs/%s/pause", "/api/runs/%s/resume",
                "/api/runs/%s/retry-failed", "/api/runs/%s/evaluations", "/api/training-jobs/%s/cancel",
                "/api/models/%s/generate");
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("not-a-uuid", 400);
        ids.put("42", 400);
        ids.put("1-1-1-1-1", 400); // java.util.UUID would accept it
        ids.put(UNKNOWN + "0", 400);
        ids.put("%00", 400);
        ids.put("%zz", 400);
        ids.put(LONG, 400);
        ids.put(UNKNOWN, 404);
        ids.forEach((id, status) -> {
            for (String path : gets) {
                add("GET " + path.formatted(id.length() > 20 ? "<long>" : id), "GET", path.formatted(id), Map.of(),
                        null, status);
            }
            for (String path : posts) {
                String body = path.endsWith("generate") ? "{\"prompt\": \"write a\"}" : "{}";
                add("POST " + path.formatted(id.length() > 20 ? "<long>" : id), "POST", path.formatted(id),
                        Map.of("Content-Type", JSON), bytes(body), status);
            }
        });
    }

    // ---- query parameters: wrong types, out of range, overflow

    private void queryParameters() {
        for (String path : List.of("/api/runs/{run}/samples", "/api/runs/{run}/comparisons")) {
            for (String query : List.of("page=abc", "page=1.5", "page=-1", "page=2147483647",
                    "page=2147483647&size=500", "page=2147483648", "page=99999999999999999999", "size=0", "size=501",
                    "size=abc", "size=-2147483648", "page=%zz", "page=", "size=%00")) {
                add("GET " + path + "?" + query, "GET", path + "?" + query, Map.of(), null, 400);
            }
        }
        add("samples with an unknown status", "GET", "/api/runs/{run}/samples?status=bogus", Map.of(), null, 400);
        add("comparisons with an unknown outcome", "GET", "/api/runs/{run}/comparisons?outcome=bogus", Map.of(), null,
                400);
        add("comparisons with a lower-case outcome", "GET", "/api/runs/{run}/comparisons?outcome=agreed", Map.of(),
                null, 400);
        add("export in an unknown format", "GET", "/api/runs/{run}/export?format=xml", Map.of(), null, 400);
        add("export with a NUL format", "GET", "/api/runs/{run}/export?format=csv%00", Map.of(), null, 400);
    }

    // ---- constitutions

    private void constitutions() {
        String ok = "{\"principles\": [{\"critique\": \"c\", \"revision\": \"r\"}]%s}";
        post("constitution without Content-Type", "/api/constitutions", null, bytes(ok.formatted("")), 415);
        post("constitution as text/plain", "/api/constitutions", "text/plain", bytes(ok.formatted("")), 415);
        post("constitution as XML", "/api/constitutions", "application/xml", bytes("<principles/>"), 415);
        json("constitution empty body", "/api/constitutions", "", 400);
        json("constitution null", "/api/constitutions", "null", 400);
        json("constitution array", "/api/constitutions", "[]", 400);
        json("constitution number", "/api/constitutions", "42", 400);
        json("constitution string", "/api/constitutions", "\"principles\"", 400);
        json("constitution malformed", "/api/constitutions", "{\"principles\": [", 400);
        json("constitution truncated string", "/api/constitutions", "{\"principles\": [{\"critique\": \"c", 400);
        json("constitution without principles", "/api/constitutions", "{\"name\": \"x\"}", 400);
        json("constitution empty principles", "/api/constitutions", "{\"principles\": []}", 400);
        json("constitution principles not an array", "/api/constitutions", "{\"principles\": \"be nice\"}", 400);
        json("constitution principles [42]", "/api/constitutions", "{\"principles\": [42]}", 400);
        json("constitution principle {}", "/api/constitutions", "{\"principles\": [{}]}", 400);
        json("constitution critique as number", "/api/constitutions",
                "{\"principles\": [{\"critique\": 1, \"revision\": \"r\"}]}", 400);
        json("constitution blank revision", "/api/constitutions",
                "{\"principles\": [{\"critique\": \"c\", \"revision\": \" \"}]}", 400);
        json("constitution fewShots [1,2]", "/api/constitutions", ok.formatted(", \"fewShots\": [1, 2]"), 400);
        json("constitution fewShots string", "/api/constitutions", ok.formatted(", \"fewShots\": \"x\""), 400);
        json("constitution comparisonFewShots [true]", "/api/constitutions",
                ok.formatted(", \"comparisonFewShots\": [true]"), 400);
        json("constitution comparisonPrinciples [42]", "/api/constitutions",
                ok.formatted(", \"comparisonPrinciples\": [42]"), 400);
        json("constitution comparisonPrinciples blank", "/api/constitutions",
                ok.formatted(", \"comparisonPrinciples\": [\"\"]"), 400);
        json("constitution systemMessages number", "/api/constitutions", ok.formatted(", \"systemMessages\": 5"),
                400);
        json("constitution name too long", "/api/constitutions", ok.formatted(", \"name\": \"" + LONG + "\""), 400);
        json("constitution name a number", "/api/constitutions", ok.formatted(", \"name\": 7"), 400);
        json("constitution principle name too long", "/api/constitutions",
                "{\"principles\": [{\"name\": \"" + LONG + "\", \"critique\": \"c\", \"revision\": \"r\"}]}", 400);
        json("constitution NUL in a principle", "/api/constitutions",
                "{\"principles\": [{\"critique\": \"c\\u0000\", \"revision\": \"r\"}]}", 400);
        json("principles file examples [1]", "/api/constitutions",
                "{\"critique_revision_principles\": [{\"critique\": \"c\", \"revision\": \"r\"}], \"examples\": [1]}",
                400);
        json("principles file principles {}", "/api/constitutions", "{\"critique_revision_principles\": {}}", 400);
        post("constitution ?name= too long", "/api/constitutions?name=" + LONG, JSON, bytes(ok.formatted("")), 400);
        post("constitution ?name= with NUL", "/api/constitutions?name=a%00b", JSON, bytes(ok.formatted("")), 400);
        post("constitution unknown charset", "/api/constitutions", JSON + "; charset=klingon",
                bytes(ok.formatted("")), 415);
        post("constitution UTF-16 declared, UTF-8 sent", "/api/constitutions", JSON + "; charset=UTF-16",
                bytes(ok.formatted("")), 400);
        json("constitution nested 5000 deep", "/api/constitutions", "[".repeat(5000) + "]".repeat(5000), 400);
    }

    // ---- datasets

    private void datasets() {
        String path = "/api/datasets";
        post("dataset without Content-Type", path, null, bytes("prompt\nhello\n"), 415);
        post("dataset as text/plain", path, "text/plain", bytes("prompt\nhello\n"), 415);
        post("dataset as XML", path, "application/xml", bytes("<a/>"), 415);
        post("dataset CSV empty", path, "text/csv", bytes(""), 400);
        post("dataset CSV header only", path, "text/csv", bytes("prompt\n"), 400);
        post("dataset CSV without prompt column", path, "text/csv", bytes("a,b\n1,2\n"), 400);
        post("dataset CSV row too short", path, "text/csv", bytes("prompt,id\nhello\n"), 400);
        post("dataset CSV empty prompt", path, "text/csv", bytes("prompt,id\n,1\n"), 400);
        post("dataset CSV unclosed quote", path, "text/csv", bytes("prompt\n\"hello\n"), 400);
        post("dataset CSV unknown promptColumn", path + "?promptColumn=nope", "text/csv", bytes("prompt\nhi\n"), 400);
        post("dataset CSV unknown idColumn", path + "?idColumn=nope", "text/csv", bytes("prompt\nhi\n"), 400);
        post("dataset CSV id too long", path, "text/csv", bytes("prompt,id\nhi," + LONG + "\n"), 400);
        post("dataset CSV with NUL", path, "text/csv", bytes("prompt\nhi\u0000there\n"), 400);
        post("dataset CSV invalid UTF-8", path, "text/csv", concat(bytes("prompt\nhi "), new byte[] {(byte) 0xff,
                (byte) 0xfe, (byte) 0xc3}), 400);
        post("dataset CSV unknown charset", path, "text/csv; charset=klingon", bytes("prompt\nhi\n"), 415);
        post("dataset CSV odd UTF-16", path, "text/csv; charset=UTF-16BE", new byte[] {0, 'p', 0}, 400);
        post("dataset ?name= too long", path + "?name=" + LONG, "text/csv", bytes("prompt\nhi\n"), 400);
        post("dataset ?name= NUL", path + "?name=%00", "text/csv", bytes("prompt\nhi\n"), 400);
        post("dataset JSON object", path, JSON, bytes("{\"prompt\": \"hi\"}"), 400);
        post("dataset JSON [42]", path, JSON, bytes("[42]"), 400);
        post("dataset JSON [{}]", path, JSON, bytes("[{}]"), 400);
        post("dataset JSON instruction a number", path, JSON, bytes("[{\"instruction\": 5}]"), 400);
        post("dataset JSON output a number", path, JSON, bytes("[{\"instruction\": \"a\", \"output\": 5}]"), 400);
        post("dataset JSON [\"\"]", path, JSON, bytes("[\"\"]"), 400);
        post("dataset JSON []", path, JSON, bytes("[]"), 400);
        post("dataset JSON malformed", path, JSON, bytes("[\"a\""), 400);
        post("dataset JSON id too long", path, JSON, bytes("[{\"id\": \"" + LONG + "\", \"prompt\": \"a\"}]"), 400);
        post("dataset JSONL malformed line", path, "application/x-ndjson", bytes("{\"prompt\": \"a\"}\n{oops\n"), 400);
        post("dataset JSONL number line", path, "application/x-ndjson", bytes("42\n"), 400);
        post("dataset over the upload limit", path, "text/csv", bytes("prompt\n" + "a".repeat(300 * 1024) + "\n"),
                413);
        post("dataset over the HTTP limit", path, "text/csv", bytes("prompt\n" + "a".repeat(1100 * 1024) + "\n"),
                413);
        String boundary = "hostileboundary";
        String mp = "multipart/form-data; boundary=" + boundary;
        post("multipart without a file part", path, mp, bytes("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--" + boundary + "--\r\n"), 400);
        post("multipart truncated", path, mp, bytes("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv"
                + "\r\n\r\nprompt\nhel"), 400);
        post("multipart without boundary", path, "multipart/form-data", bytes("--x\r\n\r\n"), 400);
        post("multipart wrong boundary", path, mp, bytes("--other\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"p.csv\"\r\n\r\nprompt\nhi\r\n--other--\r\n"), 400);
        post("multipart unknown file type", path, mp, filePart(boundary, "notes.txt", "text/plain", "hello"), 400);
        post("multipart empty CSV", path, mp, filePart(boundary, "p.csv", "text/csv", ""), 400);
        post("multipart CSV with NUL", path, mp, filePart(boundary, "p.csv", "text/csv", "prompt\na\u0000b\n"), 400);
        post("multipart unknown charset", path, mp, filePart(boundary, "p.csv", "text/csv; charset=klingon",
                "prompt\nhi\n"), 415);
        post("multipart over the upload limit", path, mp, filePart(boundary, "p.csv", "text/csv",
                "prompt\n" + "a".repeat(300 * 1024) + "\n"), 413);
    }

    // ---- runs

    private void runs() {
        String path = "/api/runs";
        String base = "{\"constitutionId\": \"{constitution}\", \"prompts\": [\"hi\"]%s}";
        post("run without Content-Type", path, null, bytes(base.formatted("")), 415);
        post("run as text/plain", path, "text/plain", bytes(base.formatted("")), 415);
        json("run empty body", path, "", 400);
        json("run null", path, "null", 400);
        json("run array", path, "[]", 400);
        json("run number", path, "42", 400);
        json("run malformed", path, "{\"constitutionId\": ", 400);
        json("run trailing garbage", path, base.formatted("") + " {}", 400);
        json("run without constitution", path, "{\"prompts\": [\"hi\"]}", 400);
        json("run constitution not a UUID", path, "{\"constitutionId\": \"abc\", \"prompts\": [\"hi\"]}", 400);
        json("run constitution a number", path, "{\"constitutionId\": 42, \"prompts\": [\"hi\"]}", 400);
        json("run unknown constitution", path, "{\"constitutionId\": \"" + UNKNOWN + "\", \"prompts\": [\"hi\"]}",
                404);
        json("run without prompts", path, "{\"constitutionId\": \"{constitution}\"}", 400);
        json("run with dataset and prompts", path, base.formatted(", \"datasetId\": \"{dataset}\""), 400);
        json("run unknown dataset", path, "{\"constitutionId\": \"{constitution}\", \"datasetId\": \"" + UNKNOWN
                + "\"}", 404);
        json("run prompts []", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": []}", 400);
        json("run prompts [42]", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": [42]}", 400);
        json("run prompts [true]", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": [true]}", 400);
        json("run prompts [\"\"]", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": [\"\"]}", 400);
        json("run prompts [null]", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": [null]}", 400);
        json("run prompts a string", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": \"hi\"}", 400);
        json("run prompts an object", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": {\"a\": 1}}", 400);
        json("run prompt with NUL", path, "{\"constitutionId\": \"{constitution}\", \"prompts\": [\"a\\u0000\"]}",
                400);
        json("run revisions 1.5", path, base.formatted(", \"revisions\": 1.5"), 400);
        json("run revisions \"2\"", path, base.formatted(", \"revisions\": \"2\""), 400);
        json("run revisions true", path, base.formatted(", \"revisions\": true"), 400);
        json("run revisions 0", path, base.formatted(", \"revisions\": 0"), 400);
        json("run revisions 11", path, base.formatted(", \"revisions\": 11"), 400);
        json("run revisions 2^31", path, base.formatted(", \"revisions\": 2147483648"), 400);
        json("run seed \"x\"", path, base.formatted(", \"seed\": \"x\""), 400);
        json("run seed 1.5", path, base.formatted(", \"seed\": 1.5"), 400);
        json("run seed 2^64", path, base.formatted(", \"seed\": 18446744073709551616"), 400);
        json("run model a number", path, base.formatted(", \"model\": 5"), 400);
        json("run model a string", path, base.formatted(", \"model\": \"gpt2\""), 400);
        json("run model an array", path, base.formatted(", \"model\": []"), 400);
        json("run model id too long", path, base.formatted(", \"model\": {\"id\": \"" + LONG + "x\"}"), 400);
        json("run model id a number", path, base.formatted(", \"model\": {\"id\": 5}"), 400);
        json("run temperature 3", path, base.formatted(", \"model\": {\"temperature\": 3}"), 400);
        json("run temperature \"0.5\"", path, base.formatted(", \"model\": {\"temperature\": \"0.5\"}"), 400);
        json("run maxNewTokens 0", path, base.formatted(", \"model\": {\"maxNewTokens\": 0}"), 400);
        json("run maxNewTokens 1e3", path, base.formatted(", \"model\": {\"maxNewTokens\": 1e3}"), 400);
        json("run topP 0", path, base.formatted(", \"model\": {\"topP\": 0}"), 400);
        json("run mode rl", path, base.formatted(", \"mode\": \"rl\""), 400);
        json("run mode 5", path, base.formatted(", \"mode\": 5"), 400);
        json("run preference answers 1", path, base.formatted(", \"mode\": \"preference\", \"preference\": "
                + "{\"answers\": 1}"), 400);
        json("run preference a number", path, base.formatted(", \"preference\": 5"), 400);
        json("run chainOfThought \"yes\"", path, base.formatted(", \"preference\": {\"chainOfThought\": \"yes\"}"),
                400);
        post("run ISO-8859-1 JSON", path, JSON + "; charset=ISO-8859-1", bytes(base.formatted("")), 415);
        post("run unknown charset", path, JSON + "; charset=klingon", bytes(base.formatted("")), 415);
        post("run over the HTTP limit", path, JSON, bytes("{\"constitutionId\": \"{constitution}\", \"prompts\": [\""
                + "a".repeat(1100 * 1024) + "\"]}"), 413);
        json("run nested 5000 deep", path, "{\"model\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400);
    }

    // ---- evaluations and run control

    private void evaluations() {
        String path = "/api/runs/{run}/evaluations";
        json("evaluation samples 0", path, "{\"samples\": 0}", 400);
        json("evaluation samples 1.5", path, "{\"samples\": 1.5}", 400);
        json("evaluation samples \"3\"", path, "{\"samples\": \"3\"}", 400);
        json("evaluation samples over the maximum", path, "{\"samples\": 100000}", 400);
        json("evaluation seed \"x\"", path, "{\"seed\": \"x\"}", 400);
        json("evaluation chainOfThought \"yes\"", path, "{\"chainOfThought\": \"yes\"}", 400);
        json("evaluation chainOfThought 1", path, "{\"chainOfThought\": 1}", 400);
        json("evaluation array", path, "[]", 400);
        json("evaluation malformed", path, "{", 400);
        post("evaluation as text/plain", path, "text/plain", bytes("{}"), 415);
        String pairs = "/api/datasets/{dataset}/evaluations";
        json("dataset evaluation without constitution", pairs, "{}", 400);
        json("dataset evaluation empty body", pairs, "", 400);
        json("dataset evaluation constitutionId 42", pairs, "{\"constitutionId\": 42}", 400);
        json("dataset evaluation constitutionId not a uuid", pairs, "{\"constitutionId\": \"x\"}", 400);
        json("dataset evaluation unknown constitution", pairs, "{\"constitutionId\": \"" + UNKNOWN + "\"}", 404);
        json("dataset evaluation samples 0", pairs, "{\"constitutionId\": \"{constitution}\", \"samples\": 0}", 400);
        json("dataset evaluation model too long", pairs,
                "{\"constitutionId\": \"{constitution}\", \"model\": \"" + "m".repeat(201) + "\"}", 400);
        json("dataset evaluation of plain prompts", pairs, "{\"constitutionId\": \"{constitution}\"}", 409);
        post("dataset evaluation as text/plain", pairs, "text/plain", bytes("{}"), 415);
        post("cancel a completed run", "/api/runs/{run}/cancel", null, null, 409);
        post("pause a completed run", "/api/runs/{run}/pause", null, null, 409);
        post("resume a completed run", "/api/runs/{run}/resume", null, null, 409);
        post("retry a run without failures", "/api/runs/{run}/retry-failed", null, null, 409);
    }

    // ---- training jobs

    private void trainingJobs() {
        String path = "/api/training-jobs";
        json("job empty body", path, "", 400);
        json("job array", path, "[]", 400);
        json("job without data", path, "{\"baseModel\": \"{model}\"}", 400);
        json("job with run and dataset", path, "{\"runId\": \"{run}\", \"datasetId\": \"{alpaca}\", \"baseModel\": "
                + "\"{model}\"}", 400);
        json("job unknown run", path, "{\"runId\": \"" + UNKNOWN + "\", \"baseModel\": \"{model}\"}", 404);
        json("job unknown dataset", path, "{\"datasetId\": \"" + UNKNOWN + "\", \"baseModel\": \"{model}\"}", 404);
        json("job dataset without targets", path, "{\"datasetId\": \"{dataset}\", \"baseModel\": \"{model}\"}", 400);
        json("job runId a number", path, "{\"runId\": 5, \"baseModel\": \"{model}\"}", 400);
        json("job without baseModel", path, "{\"datasetId\": \"{alpaca}\"}", 400);
        json("job blank baseModel", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": \" \"}", 400);
        json("job baseModel with NUL", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": \"a\\u0000b\"}", 400);
        json("job baseModel too long", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": \"" + LONG + "\"}", 400);
        json("job baseModel outside models-dir", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": "
                + "\"../../../etc\"}", 400);
        json("job unknown baseModel", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": \"no-such-model\"}", 400);
        json("job baseModel a number", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": 5}", 400);
        json("job baseModel with junk weights", path, "{\"datasetId\": \"{alpaca}\", \"baseModel\": "
                + "\"hostile-junk\"}", 400);
        String job = "{\"datasetId\": \"{alpaca}\", \"baseModel\": \"{model}\", \"hyperparameters\": %s}";
        json("job hyperparameters a number", path, job.formatted("5"), 400);
        json("job epochs 0", path, job.formatted("{\"epochs\": 0}"), 400);
        json("job epochs 1.5", path, job.formatted("{\"epochs\": 1.5}"), 400);
        json("job epochs \"2\"", path, job.formatted("{\"epochs\": \"2\"}"), 400);
        json("job learningRate 0", path, job.formatted("{\"learningRate\": 0}"), 400);
        json("job learningRate \"x\"", path, job.formatted("{\"learningRate\": \"x\"}"), 400);
        json("job maxLength 1", path, job.formatted("{\"maxLength\": 1}"), 400);
        json("job maxLength over the model's context", path, job.formatted("{\"maxLength\": 4096}"), 400);
        json("job seed 1.5", path, job.formatted("{\"seed\": 1.5}"), 400);
        post("job ISO-8859-1 JSON", path, JSON + "; charset=ISO-8859-1",
                bytes("{\"datasetId\": \"{alpaca}\", \"baseModel\": \"{model}\"}"), 415);
        post("cancel a finished job", "/api/training-jobs/" + UNKNOWN + "/cancel", null, null, 404);
    }

    // ---- models

    private void models() {
        String path = "/api/models";
        json("model empty body", path, "", 400);
        json("model array", path, "[]", 400);
        json("model without path", path, "{\"name\": \"m\"}", 400);
        json("model blank path", path, "{\"path\": \"  \"}", 400);
        json("model path a number", path, "{\"path\": 5}", 400);
        json("model path with NUL", path, "{\"path\": \"/tmp/a\\u0000b\"}", 400);
        // outside cai.training.models-dir and the allow-list: one 403, whatever exists on disk (no filesystem probe)
        json("model path missing", path, "{\"path\": \"/no/such/dir\"}", 403);
        json("model path a file", path, "{\"path\": \"pom.xml\"}", 403);
        json("model path without files", path, "{\"path\": \"src\"}", 403);
        json("model path too long", path, "{\"path\": \"" + "/a".repeat(2100) + "\"}", 400);
        json("model name too long", path, "{\"name\": \"" + LONG + "\", \"path\": \"{modelPath}\"}", 400);
        json("model name with NUL", path, "{\"name\": \"a\\u0000\", \"path\": \"{modelPath}\"}", 400);
        json("model name a number", path, "{\"name\": 5, \"path\": \"{modelPath}\"}", 400);
        json("model directory with junk weights", path, "{\"path\": \"{junkPath}\"}", 400);
        json("model directory with a junk config", path, "{\"path\": \"{junkConfigPath}\"}", 400);
        post("model as text/plain", path, "text/plain", bytes("{\"path\": \"{modelPath}\"}"), 415);
    }

    // ---- generation

    private void generation() {
        String path = "/api/models/{model}/generate";
        json("generate more sequences than beams", path, "{\"prompt\": \"write a\", \"numBeams\": 2, "
                + "\"numReturnSequences\": 5}", 400);
        json("generate more sequences than beams on broken weights", "/api/models/{broken}/generate",
                "{\"prompt\": \"write a\", \"numBeams\": 1, \"numReturnSequences\": 2}", 400);
        json("generate without prompt", path, "{}", 400);
        json("generate prompt a number", path, "{\"prompt\": 5}", 400);
        json("generate maxLength 0", path, "{\"prompt\": \"write a\", \"maxLength\": 0}", 400);
        json("generate maxLength 1.5", path, "{\"prompt\": \"write a\", \"maxLength\": 1.5}", 400);
        json("generate numBeams 65", path, "{\"prompt\": \"write a\", \"numBeams\": 65}", 400);
        json("generate numBeams \"2\"", path, "{\"prompt\": \"write a\", \"numBeams\": \"2\"}", 400);
        json("generate lengthPenalty 11", path, "{\"prompt\": \"write a\", \"lengthPenalty\": 11}", 400);
        json("generate earlyStopping \"yes\"", path, "{\"prompt\": \"write a\", \"earlyStopping\": \"yes\"}", 400);
        json("generate maxLength over @Max", path, "{\"prompt\": \"write a\", \"maxLength\": 100000}", 400);
        json("generate maxLength over the context", path, "{\"prompt\": \"write a\", \"maxLength\": 4000}", 400);
        json("generate empty prompt", path, "{\"prompt\": \"\"}", 400);
        json("generate with damaged weights", "/api/models/{broken}/generate", "{\"prompt\": \"write a\"}", 422);
        post("generate as text/plain", path, "text/plain", bytes("{\"prompt\": \"a\"}"), 415);
    }

    // ---- what the HTTP layer answers itself

    private void httpLayer() {
        add("unknown path", "GET", "/api/nothing-here", Map.of(), null, 404);
        add("unknown path with a bad escape", "GET", "/api/%zz", Map.of(), null, 400);
        add("truncated escape in the path", "GET", "/api/runs/%4", Map.of(), null, 400);
        add("bad escape in the query", "GET", "/api/runs?x=%zz", Map.of(), null, 400);
        add("DELETE a run", "DELETE", "/api/runs/{run}", Map.of(), null, 405);
        add("PUT a constitution", "PUT", "/api/constitutions", Map.of("Content-Type", JSON), bytes("{}"), 405);
        // not here: GET with Accept: application/xml. The packaged service answers 406 problem JSON, but under
        // @QuarkusTest that answer never completes on a Connection: close socket (to be looked into)
        // not here since authentication landed: a body announced far over the limit but never sent. Without security
        // the service answers 413 problem JSON before reading it; with HTTP Basic on, the connection waits for the
        // announced bytes until the idle timeout (to be looked into). Uploads really over the limits get their 413 in
        // DatasetTests.
        add("malformed Content-Type", "POST", "/api/runs", Map.of("Content-Type", "application/"),
                bytes("{}"), 415);
    }

    // ---- helpers

    private void json(String name, String path, String body, int expected) {
        post(name, path, JSON, bytes(body), expected);
    }

    private void post(String name, String path, String contentType, byte[] body, int expected) {
        add(name, "POST", path, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body, expected);
    }

    private void add(String name, String method, String target, Map<String, String> headers, byte[] body,
            int expected) {
        cases.add(new Hostile(name, method, target, headers, body, expected));
    }

    private static byte[] filePart(String boundary, String fileName, String contentType, String content) {
        return bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
