package io.caitune.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker process on its own, started the way the service starts it (outside Quarkus, from the class path). */
class TrainingWorkerTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aWorkerShouldTrainFromItsSpecAndReportOnlyJsonEventsOnStandardOutput() throws Exception {
        Process worker = start(spec(2, 0), tmp.resolve("worker.log"));
        List<WorkerEvent> events = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                events.add(JSON.readValue(line, WorkerEvent.class)); // anything else on stdout would fail here
            }
        }
        assertThat(worker.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isZero();
        assertThat(events.get(0).event()).isEqualTo(WorkerEvent.PLAN);
        assertThat(events.get(0).totalSteps()).isEqualTo(4);
        assertThat(events.stream().filter(e -> e.event().equals(WorkerEvent.STEP)).map(WorkerEvent::step))
                .containsExactly(1, 2, 3, 4);
        assertThat(events.stream().filter(e -> e.event().equals(WorkerEvent.CHECKPOINT)).map(WorkerEvent::epoch))
                .containsExactly(1, 2);
        WorkerEvent last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo(WorkerEvent.COMPLETED);
        assertThat(Path.of(last.path())).isEqualTo(tmp.resolve("job/epoch-2").toAbsolutePath());
        assertThat(tmp.resolve("job/epoch-1")).as("keep-checkpoints=1").doesNotExist();
        assertThat(last.path()).satisfies(p -> assertThat(Path.of(p).resolve("model.safetensors")).exists());
    }

    @Test
    void aWorkerShouldEndWhenTheServiceThatStartedItIsGone() throws Exception {
        Process worker = start(spec(1000, 0), tmp.resolve("worker.log"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).contains("\"plan\""); // it runs
            worker.getOutputStream().close(); // what the service's death does to the pipe
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).isEqualTo(3);
        } finally {
            worker.destroyForcibly();
        }
    }

    private Path spec(int epochs, int startEpoch) throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 4);
        WorkerSpec spec = new WorkerSpec(UUID.randomUUID(), base.toString(), startEpoch, "cpu", -1,
                new CausalLmTrainer.Settings(epochs, 10, 1, 0.003f, 0.01f, 0, 32, 1, 1f),
                TinyGpt2.pairs().subList(0, 20), tmp.resolve("job").toString(), 1);
        Path file = tmp.resolve("spec.json");
        JSON.writeValue(file.toFile(), spec);
        return file;
    }

    private static Process start(Path spec, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(WorkerLauncher.command(spec, List.of("-Xmx512m"),
                System.getProperty("java.class.path")))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
