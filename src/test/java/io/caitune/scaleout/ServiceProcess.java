package io.caitune.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** One service instance as a separate operating-system process, so it can be killed for real. */
final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The admin password each process gets through CAI_ADMIN_PASSWORD; every API call below signs in with it. */
    static final String ADMIN_PASSWORD = "scale-out-admin-" + java.util.UUID.randomUUID();
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final Process process;
    final String base;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
    }

    static ServiceProcess start(Path jar, Path log, Map<String, String> properties) throws Exception {
        int port = freePort();
        ProcessBuilder builder = builder(jar, log, properties, port);
        builder.environment().put("CAI_ADMIN_PASSWORD", ADMIN_PASSWORD);
        ServiceProcess service = new ServiceProcess(builder.start(), port);
        service.awaitReady();
        return service;
    }

    /** Starts the service without any way to sign in and returns its exit status (it must refuse to start). */
    static int startWithoutCredentials(Path jar, Path log, Map<String, String> properties) throws Exception {
        ProcessBuilder builder = builder(jar, log, properties, freePort());
        builder.environment().keySet().removeIf(name -> name.startsWith("CAI_") || name.startsWith("QUARKUS_OIDC"));
        Process process = builder.start();
        if (!process.waitFor(timeout().toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service started without credentials");
        }
        return process.exitValue();
    }

    private static ProcessBuilder builder(Path jar, Path log, Map<String, String> properties, int port) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    String post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** kill -9: no shutdown hooks, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 240; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during start-up");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts a run of {@code prompts} inline prompts on a one-principle constitution; its id. */
    String startRun(int prompts) throws Exception {
        String constitution = JSON.readTree(post("/api/constitutions",
                "{\"principles\": [{\"critique\": \"Is it harmful?\", \"revision\": \"Make it harmless.\"}]}"))
                .get("id").asText();
        List<String> texts = IntStream.range(0, prompts).mapToObj(i -> "prompt " + i).toList();
        return JSON.readTree(post("/api/runs", JSON.writeValueAsString(
                Map.of("constitutionId", constitution, "prompts", texts, "revisions", 1)))).get("id").asText();
    }

    /** The run once it is neither queued nor running. */
    JsonNode awaitRun(String runId) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(timeout()).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = JSON.readTree(get("/api/runs/" + runId));
            return !List.of("QUEUED", "RUNNING").contains(last[0].get("status").asText());
        });
        return last[0];
    }

    static Duration timeout() {
        return Duration.ofMinutes(2);
    }
}
