package io.caitune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Runs the packaged service against a {@link StandInModelServer} and prints how close it gets to the endpoint's
 * capacity, what it costs in CPU per model call, and how much memory it holds. Not a test: run bench/throughput.sh.
 *
 * <pre>
 * args: prompts=2000 cap=64 latency-ms=50 [heap=512m] [jar=target/quarkus-app/quarkus-run.jar] [warmup=20000]
 *       [repeat=1] [workers=cap*1.25] [sample-gc=true] [live-every-s=5] [db=h2|postgres] [h2-cache-kb=8192]
 *       [jvm-args="..."] [histogram=file] [retry-after=1] [error-rate=0.2] [concurrency=cap] [h2-write-delay=0]
 *       [java=path/to/bin/java] [label=name] [dir=working/directory/of/the/service]
 * </pre>
 * The rate-limited scenario: {@code cap} is the endpoint's real capacity (429 beyond it, with {@code retry-after}),
 * {@code error-rate} of the accepted calls get 503, and the service starts at {@code concurrency} (its default, 16)
 * without knowing the capacity: its adaptive limit has to find it. The ideal stays 3·N·L/cap.
 * {@code h2-write-delay} is H2's WRITE_DELAY in ms (0, the default configuration's, or H2's own 500) to measure what
 * durable commits cost.
 * {@code java} runs the service on another JVM (bench/throughput.sh cold: Java 17, Java 25, Java 25 with the AOT
 * cache); every run prints {@code time_to_ready_s}, from launching the JVM to the first successful readiness check,
 * and with {@code warmup=0} the figures are those of a fresh process: its JIT compiler threads' share of the CPU is
 * printed as {@code jit_cpu_ms_per_call}.
 * {@code warmup} prompts run first in the same process and are not measured; {@code repeat} measures N that many
 * times; {@code db=postgres} runs the postgres-app build against a fresh database {@code cai_bench} on
 * 127.0.0.1:5432; {@code histogram} writes a class histogram of the service heap after the last run.
 * {@code sample-gc=false} leaves out the full collections that measure live heap every few seconds: each one stops the
 * service for ~0.1 s and launches jcmd, a JVM of its own, which a throughput figure should not pay for.
 */
public final class ThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The service under test gets this admin password (CAI_ADMIN_PASSWORD); every call signs in with it. */
    private static final String ADMIN_PASSWORD = "bench-" + java.util.UUID.randomUUID();
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final Pattern SLOT_HELD_SUM = Pattern.compile("cai_model_calls_slot_held_seconds_sum[^ ]* ([0-9.E+]+)");
    private static final Pattern SLOT_HELD_COUNT = Pattern.compile("cai_model_calls_slot_held_seconds_count[^ ]* ([0-9.E+]+)");
    private static final Pattern LIVE_DATA = Pattern.compile("jvm_gc_live_data_size_bytes[^ ]* ([0-9.E+]+)");
    private static final Pattern HEAP_USED = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");
    private static final Pattern LIMIT = Pattern.compile("cai_model_concurrency_limit(\\{[^}]*})? ([0-9.E+]+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("prompts", "2000", "cap", "64",
                "latency-ms", "50", "heap", "512m", "jar", "target/quarkus-app/quarkus-run.jar", "warmup", "20000",
                "sample-gc", "true", "repeat", "1", "workers", "0", "db", "h2"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0].replaceFirst("^--", ""), kv[1]);
        }
        if (options.get("db").equals("postgres") && java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("jar="))) {
            options.put("jar", "target/postgres-app/quarkus-run.jar");
        }
        int prompts = Integer.parseInt(options.get("prompts"));
        int cap = Integer.parseInt(options.get("cap"));
        long latency = Long.parseLong(options.get("latency-ms"));

        double errorRate = Double.parseDouble(options.getOrDefault("error-rate", "0"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", String.valueOf(cap)));
        try (StandInModelServer model = new StandInModelServer(cap, latency, options.get("retry-after"), errorRate)) {
            int port = freePort();
            Path db = Files.createTempDirectory("cai-bench");
            List<String> command = new java.util.ArrayList<>(List.of(options.getOrDefault("java", "java"),
                    "-Xmx" + options.get("heap"), "-XX:+UseG1GC"));
            if (options.get("db").equals("postgres")) {
                // the production storage: the database's caches live in its own server, not in the service heap
                command.add("-Dquarkus.profile=postgres");
            }
            if (options.containsKey("jvm-args")) {
                command.addAll(List.of(options.get("jvm-args").split(" ")));
            }
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.langchain4j.openai.base-url=http://127.0.0.1:" + model.port() + "/v1",
                    "-Dquarkus.langchain4j.openai.api-key=bench",
                    "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(options, db),
                    "-Dcai.pipeline.concurrency=" + concurrency,
                    "-Dcai.pipeline.workers=" + (Integer.parseInt(options.get("workers")) > 0
                            ? Integer.parseInt(options.get("workers")) : concurrency + concurrency / 4),
                    "-Dcai.pipeline.queue-window=" + (4 * concurrency),
                    "-Dquarkus.log.level=WARN",
                    "-jar", options.get("jar")));
            long launched = System.nanoTime();
            ProcessBuilder serviceBuilder = new ProcessBuilder(command)
                    .redirectOutput(db.resolve("service.log").toFile()).redirectErrorStream(true);
            if (options.containsKey("dir")) {
                // a CDS archive checks the class path as the JVM was given it: run from where it was written
                serviceBuilder.directory(Path.of(options.get("dir")).toFile());
            }
            serviceBuilder.environment().put("CAI_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process service = serviceBuilder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitReady(base, service);
                System.out.printf(Locale.ROOT, "label=%s time_to_ready_s=%.3f (launch to ready, log %s)%n",
                        options.getOrDefault("label", "service"), (System.nanoTime() - launched) / 1e9,
                        db.resolve("service.log"));
                String constitution = post(base + "/api/constitutions", """
                        {"principles": [{"critique": "Identify ways the answer could be more helpful.",
                                         "revision": "Rewrite the answer to be more helpful."}]}
                        """).get("id").asText();
                int warmup = Integer.parseInt(options.get("warmup"));
                if (warmup > 0) {
                    // JIT compilation and first-use initialisation belong to start-up, not to a run
                    System.out.println("warm-up run of " + warmup + " prompts:");
                    measure(base, service, model, constitution, warmup, cap, latency, 0);
                }
                int repeat = Integer.parseInt(options.get("repeat"));
                for (int i = 1; i <= repeat; i++) {
                    if (repeat > 1) {
                        System.out.println("measured run " + i + " of " + repeat + ":");
                    }
                    measure(base, service, model, constitution, prompts, cap, latency,
                            Boolean.parseBoolean(options.get("sample-gc")) ? Double.parseDouble(options.getOrDefault("live-every-s", "5")) : 0);
                }
                if (options.containsKey("histogram")) {
                    // what the heap holds after the run, by class: where to look when the live heap grew
                    new ProcessBuilder("jcmd", String.valueOf(service.pid()), "GC.class_histogram")
                            .redirectErrorStream(true).redirectOutput(Path.of(options.get("histogram")).toFile())
                            .start().waitFor();
                }
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static void measure(String base, Process service, StandInModelServer model, String constitution,
            int prompts, int cap, long latency, double liveEverySeconds) throws Exception {
        // prompts come as a dataset, as a large run's would; memory is sampled while the run is processed
        StringBuilder csv = new StringBuilder("prompt\n");
        IntStream.range(0, prompts).forEach(i -> csv.append("Benchmark prompt number ").append(i).append('\n'));
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/datasets"))
                .header("Content-Type", "text/csv").header("Authorization", AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        String dataset = JSON.readTree(upload.body()).get("id").asText();
        String body = JSON.writeValueAsString(Map.of("constitutionId", constitution, "datasetId", dataset,
                "revisions", 1, "seed", 1));

        long callsBefore = model.answered();
        long rejectedBefore = model.rejected();
        long cpuBefore = cpuMillis(service.toHandle());
        long jitBefore = jitCpuMillis(service);
        long ownCpuBefore = cpuMillis(ProcessHandle.current());
        String metricsBefore = text(base + "/q/metrics");
        String runId = post(base + "/api/runs", body).get("id").asText();
        double peakHeap = 0;
        double peakLive = 0;
        long peakRss = 0;
        long unavailableBefore = model.unavailable();
        StringBuilder limitPath = new StringBuilder();
        int lastLimit = -1;
        int minLimit = Integer.MAX_VALUE;
        int maxLimit = 0;
        JsonNode run;
        long started = System.nanoTime();
        long nextLiveSample = started + 500_000_000L;
        for (int poll = 0; ; poll++) {
            Thread.sleep(100);
            run = get(base + "/api/runs/" + runId);
            peakRss = Math.max(peakRss, rssBytes(service));
            if (poll % 10 == 0) {
                // a Prometheus scrape costs the service CPU too: once a second is enough
                String metrics = text(base + "/q/metrics");
                peakHeap = Math.max(peakHeap, sum(HEAP_USED, metrics));
                Matcher limit = LIMIT.matcher(metrics);
                if (limit.find()) {
                    int now = (int) Double.parseDouble(limit.group(2));
                    minLimit = Math.min(minLimit, now);
                    maxLimit = Math.max(maxLimit, now);
                    if (now != lastLimit) {
                        // the adaptive limit, once a second: where it went and when
                        limitPath.append(String.format(Locale.ROOT, " %.0fs:%d", (System.nanoTime() - started) / 1e9, now));
                        lastLimit = now;
                    }
                }
            }
            String status = run.get("status").asText();
            boolean over = !status.equals("QUEUED") && !status.equals("RUNNING");
            if (liveEverySeconds > 0 && (over || System.nanoTime() >= nextLiveSample)) {
                // what the service really holds, every few seconds of the run and once at its end
                peakLive = Math.max(peakLive, liveHeapAfterFullGc(base, service, started, run));
                nextLiveSample = System.nanoTime() + (long) (liveEverySeconds * 1e9);
            }
            if (over) {
                break;
            }
        }
        // the service's own timestamps: from the run's creation to its last sample, free of polling granularity
        double wall = java.time.Duration.between(java.time.Instant.parse(run.get("createdAt").asText()),
                java.time.Instant.parse(run.get("finishedAt").asText())).toNanos() / 1e9;
        double processing = java.time.Duration.between(java.time.Instant.parse(run.get("startedAt").asText()),
                java.time.Instant.parse(run.get("finishedAt").asText())).toNanos() / 1e9;
        long cpu = cpuMillis(service.toHandle()) - cpuBefore;
        long jit = jitCpuMillis(service) - jitBefore;
        long ownCpu = cpuMillis(ProcessHandle.current()) - ownCpuBefore;
        String metricsAfter = text(base + "/q/metrics");
        double heldSeconds = sum(SLOT_HELD_SUM, metricsAfter) - sum(SLOT_HELD_SUM, metricsBefore);
        double heldCalls = sum(SLOT_HELD_COUNT, metricsAfter) - sum(SLOT_HELD_COUNT, metricsBefore);
        long calls = model.answered() - callsBefore;
        double ideal = 3.0 * prompts * latency / 1000.0 / cap;
        System.out.printf(Locale.ROOT, """
                prompts=%d cap=%d latency_ms=%d status=%s completed=%d failed=%d
                wall_s=%.2f ideal_s=%.2f efficiency=%.3f (creating the run: %.2f s)
                model_calls=%d http_429=%d http_503=%d peak_concurrent=%d wall/ideal=%.2f
                concurrency_limit min=%d max=%d path(t:limit, sampled each second):%s
                slot_held_ms_per_call=%.2f (endpoint latency %d ms) slots_busy=%.3f of the processing time
                cpu_ms_per_call=%.3f jit_cpu_ms_per_call=%.3f (stand-in endpoint and this driver: %.3f)
                peak_heap_used_mb=%.1f peak_heap_after_full_gc_mb=%s peak_rss_mb=%.1f
                """, prompts, cap, latency, run.get("status").asText(), run.get("completed").asInt(),
                run.get("failed").asInt(), wall, ideal, ideal / wall, wall - processing, calls, model.rejected() - rejectedBefore,
                model.unavailable() - unavailableBefore, model.peakInFlight(), wall / ideal,
                minLimit == Integer.MAX_VALUE ? 0 : minLimit, maxLimit, limitPath, 1000 * heldSeconds / Math.max(1, heldCalls), latency,
                heldSeconds / (cap * processing), (double) cpu / Math.max(1, calls),
                (double) jit / Math.max(1, calls), (double) ownCpu / Math.max(1, calls), peakHeap / 1e6,
                liveEverySeconds > 0 ? String.format(Locale.ROOT, "%.1f", peakLive / 1e6) : "not-sampled",
                peakRss / 1e6);
    }

    /** H2 in a fresh temporary directory, or a freshly created PostgreSQL database {@code cai_bench}. */
    private static String jdbcUrl(Map<String, String> options, Path dir) throws Exception {
        if (options.get("db").equals("postgres")) {
            String server = options.getOrDefault("pg", "jdbc:postgresql://127.0.0.1:5432/");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(server + "postgres", "postgres", "");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("drop database if exists cai_bench");
                st.execute("create database cai_bench");
            }
            return server + "cai_bench";
        }
        // the page cache of the default configuration (application.properties), unless the run names another
        return "jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;CACHE_SIZE="
                + options.getOrDefault("h2-cache-kb", "8192") + ";WRITE_DELAY=" + options.getOrDefault("h2-write-delay", "0");
    }

    private static double liveHeapAfterFullGc(String base, Process service, long started, JsonNode run)
            throws Exception {
        new ProcessBuilder("jcmd", String.valueOf(service.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        // the collector's own figure of what survived that collection: heap used, read after it, would also count
        // what 64 busy workers allocated in the meantime
        double live = sum(LIVE_DATA, text(base + "/q/metrics"));
        System.err.printf(Locale.ROOT, "  t=%5.1fs finished=%d heap_after_full_gc_mb=%.1f%n",
                (System.nanoTime() - started) / 1e9, run.get("completed").asInt() + run.get("failed").asInt(),
                live / 1e6);
        return live;
    }

    private static void awaitReady(String base, Process service) throws Exception {
        // polled every 10 ms: time to ready is a figure of its own (sub-second with the AOT cache)
        for (int i = 0; i < 6000; i++) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see its log");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(text(url));
    }

    private static String text(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(Pattern pattern, String metrics) {
        Matcher m = pattern.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** CPU time of the JVM's JIT compiler threads (C1, C2), from /proc; 0 where that is not readable. */
    private static long jitCpuMillis(Process process) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // a compiler thread may end between listing and reading
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return 0;
        }
        return ticks * 10; // USER_HZ = 100 on Linux
    }

    private static long rssBytes(Process process) throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ThroughputBenchmark() {
    }

}
