package io.caitune.training;

import io.caitune.testing.Api;
import io.caitune.testing.ModelStubResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(ModelStubResource.class)
class TrainingApiTests {

    private static final Path WORK = Path.of("target/test-data");

    @Inject
    TrainingJobService service;

    @Inject
    TrainingScheduler scheduler;

    @Inject
    TrainingJobRunner runner;

    @Test
    void shouldFineTuneOnADatasetCheckpointEveryEpochAndGenerateWithBeamSearch() throws Exception {
        String baseId = registerTinyModel();
        String datasetId = uploadDataset(TinyGpt2.pairs());

        String jobId = startJob(Map.of("datasetId", datasetId, "baseModel", baseId, "hyperparameters",
                Map.of("epochs", 8, "batchSize", 8, "gradientAccumulationSteps", 1, "learningRate", 0.003,
                        "weightDecay", 0.0, "warmupSteps", 4, "maxLength", 32, "seed", 1)));
        JsonPath job = awaitJob(jobId);

        assertThat(job.getString("state")).isEqualTo("COMPLETED");
        assertThat(job.getString("device")).isEqualTo("cpu()");
        // the test profile's fake /proc shows one NVIDIA GPU that the CPU-only engine cannot use: the job says so
        assertThat(job.getString("deviceNote")).contains("1 NVIDIA GPU(s)").contains("sees 0 GPU(s)")
                .contains("pytorch-native-cpu").contains("-Pcuda");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'training-gpu' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'training-gpu' }.data.hostGpus", equalTo(1))
                .body("checks.find { it.name == 'training-gpu' }.data.engineGpus", equalTo("0"))
                .body("checks.find { it.name == 'training-gpu' }.data.warning",
                        containsString("training runs on the CPU"));
        assertThat(job.getInt("examples")).isEqualTo(60);
        assertThat(job.getInt("epoch")).isEqualTo(8);
        assertThat(job.getInt("totalSteps")).isEqualTo(8 * 8);
        assertThat(job.getInt("step")).isEqualTo(64);
        assertThat(job.getDouble("tokensPerSecond")).isPositive();
        assertThat(job.getDouble("hyperparameters.maxGradNorm")).isEqualTo(1.0); // transformers' default
        List<Float> losses = job.getList("lossHistory", Float.class);
        assertThat(losses).hasSize(64);
        double first = losses.subList(0, 3).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        double last = losses.subList(59, 64).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        assertThat(last).as("loss %s -> %s", first, last).isLessThan(first * 0.5);

        // one Hugging Face directory per epoch, the last registered as a model; [PAD] added to config and tokenizer
        Path checkpoint = Path.of(job.getString("checkpointPath"));
        assertThat(checkpoint.getFileName().toString()).isEqualTo("epoch-8");
        try (Stream<Path> epochs = Files.list(checkpoint.getParent())) {
            assertThat(epochs.filter(p -> p.getFileName().toString().startsWith("epoch-")).count()).isEqualTo(8);
        }
        assertThat(Files.readString(checkpoint.resolve("config.json"))).contains("\"pad_token_id\" : 41");
        assertThat(Files.readString(checkpoint.resolve("tokenizer.json"))).contains("[PAD]");
        String tunedId = job.getString("modelId");
        given().get("/api/models").then().statusCode(200).body("id", hasItem(tunedId));
        given().get("/api/models/" + tunedId).then().statusCode(200)
                .body("path", equalTo(checkpoint.toAbsolutePath().toString())).body("trainingJobId", equalTo(jobId));

        JsonPath generated = given().contentType(ContentType.JSON)
                .body(Map.of("prompt", "write a python function that returns the sum of x and y", "maxLength", 40,
                        "numBeams", 4, "numReturnSequences", 3, "noRepeatNgramSize", 2, "lengthPenalty", 1.0,
                        "earlyStopping", true))
                .post("/api/models/" + tunedId + "/generate").then().statusCode(200).extract().jsonPath();
        List<List<Long>> sequences = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sequences.add(generated.getList("sequences[" + i + "].tokens", Long.class));
        }
        assertThat(sequences).hasSize(3).doesNotHaveDuplicates();
        assertThat(sequences).allSatisfy(s -> assertThat(io.caitune.training.generate.NgramBlocker.repeats(
                s.stream().mapToLong(Long::longValue).toArray(), 2)).isFalse());
        assertThat(generated.getString("sequences[0].text")).startsWith("def");
        assertThat(generated.getDouble("sequences[0].score")).isGreaterThanOrEqualTo(
                generated.getDouble("sequences[2].score"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cai_training_queue")).body(containsString("cai_training_devices_busy"));

        shouldResumeAnInterruptedJobFromItsLastCheckpoint(job, checkpoint.getParent().resolve("epoch-1"));
    }

    /** A job left RUNNING by a stopped process, with epoch 1 checkpointed, is re-queued and trains epoch 2 only. */
    private void shouldResumeAnInterruptedJobFromItsLastCheckpoint(JsonPath finished, Path epochOne) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            TrainingJob job = new TrainingJob();
            job.id = id;
            job.datasetId = UUID.fromString(finished.getString("datasetId"));
            job.baseModelId = UUID.fromString(finished.getString("baseModelId"));
            job.state = JobState.RUNNING;
            job.epochs = 2;
            job.batchSize = 8;
            job.gradientAccumulationSteps = 1;
            job.learningRate = 0.003;
            job.warmupSteps = 0;
            job.maxLength = 32;
            job.seed = 1;
            job.examples = 60;
            job.epoch = 1;
            job.step = 8;
            job.checkpointPath = epochOne.toAbsolutePath().toString();
            // epoch 1's eight steps, then three of epoch 2 that ran before the process stopped (redone on resume)
            job.lossHistory = "[9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 99.0, 99.0, 99.0]";
            job.createdAt = Instant.now();
            job.persist();
        });
        assertThat(service.requeueInterrupted()).isEqualTo(1);
        scheduler.dispatch();
        JsonPath resumed = awaitJob(id.toString());
        assertThat(resumed.getString("state")).isEqualTo("COMPLETED");
        assertThat(resumed.getInt("epoch")).isEqualTo(2);
        assertThat(resumed.getInt("step")).isEqualTo(16);
        // epoch 1's history carried over, then epoch 2's eight steps once each: the redone steps replace their
        // earlier losses instead of being appended twice
        List<Float> losses = resumed.getList("lossHistory", Float.class);
        assertThat(losses).hasSize(16);
        assertThat(losses.subList(0, 8)).containsOnly(9.0f);
        assertThat(losses).doesNotContain(99.0f);
        assertThat(losses.get(8)).isLessThan(9.0f);
        assertThat(Path.of(resumed.getString("checkpointPath")).getFileName().toString()).isEqualTo("epoch-2");
        assertThat(Files.exists(Path.of(resumed.getString("checkpointPath")).resolveSibling("epoch-1"))).isFalse();
    }

    @Test
    void shouldTrainOnARunsRevisedSamples() throws Exception {
        String runId = Api.startRun(Api.createConstitution(), List.of("write a function", "print the value"), 1);
        assertThat(Api.awaitRun(runId).getString("status")).isEqualTo("COMPLETED");

        String jobId = startJob(Map.of("runId", runId, "baseModel", registerTinyModel(), "hyperparameters",
                Map.of("epochs", 1, "batchSize", 2, "maxLength", 24)));
        JsonPath job = awaitJob(jobId);
        assertThat(job.getString("state")).isEqualTo("COMPLETED");
        assertThat(job.getInt("examples")).isEqualTo(2);
        assertThat(job.getInt("step")).isEqualTo(1);
    }

    @Test
    void shouldRejectImpossibleHyperparametersNamingTheField() throws Exception {
        String baseId = registerTinyModel();
        String datasetId = uploadDataset(TinyGpt2.pairs().subList(0, 2));
        Map<String, Object> bad = Map.of("epochs", 0, "batchSize", 2, "learningRate", -1, "maxLength", 32,
                "maxGradNorm", -0.5);
        given().contentType(ContentType.JSON)
                .body(Map.of("datasetId", datasetId, "baseModel", baseId, "hyperparameters", bad))
                .post("/api/training-jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("hyperparameters.epochs"))
                .body("errors.field", hasItem("hyperparameters.learningRate"))
                .body("errors.field", hasItem("hyperparameters.maxGradNorm"));
        given().contentType(ContentType.JSON)
                .body(Map.of("datasetId", datasetId, "baseModel", baseId, "hyperparameters", Map.of("maxLength", 65)))
                .post("/api/training-jobs").then().statusCode(400)
                .body("detail", containsString("hyperparameters.maxLength"));
        given().contentType(ContentType.JSON).body(Map.of("datasetId", datasetId, "baseModel", "no-such-model"))
                .post("/api/training-jobs").then().statusCode(400).body("detail", containsString("baseModel"));
        given().contentType(ContentType.JSON)
                .body(Map.of("datasetId", datasetId, "runId", UUID.randomUUID(), "baseModel", baseId))
                .post("/api/training-jobs").then().statusCode(400).body("detail", containsString("runId"));
        given().contentType(ContentType.JSON).body(Map.of("runId", UUID.randomUUID(), "baseModel", baseId))
                .post("/api/training-jobs").then().statusCode(404);
        given().get("/api/training-jobs/" + UUID.randomUUID()).then().statusCode(404);

        String noTargets = given().contentType(ContentType.JSON).body(List.of("just a prompt"))
                .post("/api/datasets").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("datasetId", noTargets, "baseModel", baseId))
                .post("/api/training-jobs").then().statusCode(400).body("detail", containsString("no prompt with a target"));
    }

    @Test
    void shouldRegisterOnlyCompleteModelDirectoriesAndValidateGeneration() throws Exception {
        Path incomplete = Files.createDirectories(WORK.resolve("incomplete-" + UUID.randomUUID()));
        Files.writeString(incomplete.resolve("config.json"), "{}");
        given().contentType(ContentType.JSON).body(Map.of("name", "broken", "path", incomplete.toString()))
                .post("/api/models").then().statusCode(400)
                .body("detail", containsString("model.safetensors")).body("detail", containsString("tokenizer.json"));
        given().contentType(ContentType.JSON).body(Map.of("path", WORK.resolve("missing").toString()))
                .post("/api/models").then().statusCode(400).body("detail", containsString("not a directory"));

        String id = registerTinyModel();
        given().contentType(ContentType.JSON).body(Map.of("prompt", "def add", "numBeams", 2, "numReturnSequences", 3))
                .post("/api/models/" + id + "/generate").then().statusCode(400)
                .body("detail", containsString("numReturnSequences"));
        given().contentType(ContentType.JSON).body(Map.of("prompt", "def add", "numBeams", 0))
                .post("/api/models/" + id + "/generate").then().statusCode(400)
                .body("errors.field", hasItem("numBeams"));
        given().contentType(ContentType.JSON).body(Map.of("prompt", "def add"))
                .post("/api/models/" + UUID.randomUUID() + "/generate").then().statusCode(404);
    }

    @Test
    void shouldRunTwoJobsAtOnceInTwoWorkerProcessesAndKillTheOneThatIsCancelled() throws Exception {
        String baseId = registerTinyModel();
        String datasetId = uploadDataset(TinyGpt2.pairs());
        String endless = startJob(Map.of("datasetId", datasetId, "baseModel", baseId,
                "hyperparameters", Map.of("epochs", 1000, "batchSize", 4, "maxLength", 32)));
        ProcessHandle endlessWorker = awaitWorker(endless);
        String quick = startJob(Map.of("datasetId", datasetId, "baseModel", baseId,
                "hyperparameters", Map.of("epochs", 2, "batchSize", 8, "maxLength", 32)));
        ProcessHandle quickWorker = awaitWorker(quick);

        // two worker JVMs at once, children of this one; the second job completes while the first still trains
        assertThat(quickWorker.pid()).isNotEqualTo(endlessWorker.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .contains(endlessWorker.pid(), quickWorker.pid());
        assertThat(awaitJob(quick).getString("state")).isEqualTo("COMPLETED");
        assertThat(endlessWorker.isAlive()).isTrue();
        assertThat(given().get("/api/training-jobs/" + endless).then().extract().<String>path("state"))
                .isEqualTo("RUNNING");

        given().post("/api/training-jobs/" + endless + "/cancel").then().statusCode(200);
        assertThat(awaitJob(endless).getString("state")).isEqualTo("CANCELLED");
        assertThat(endlessWorker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void aWorkerThatDiesShouldFailItsJobAndLeaveTheServiceUp() throws Exception {
        String jobId = startJob(Map.of("datasetId", uploadDataset(TinyGpt2.pairs()), "baseModel", registerTinyModel(),
                "hyperparameters", Map.of("epochs", 1000, "batchSize", 4, "maxLength", 32)));
        ProcessHandle worker = awaitWorker(jobId);
        worker.destroyForcibly(); // what the kernel's OOM killer or a native crash does to it
        JsonPath job = awaitJob(jobId);
        assertThat(job.getString("state")).isEqualTo("FAILED");
        assertThat(job.getString("error")).contains("worker process ended with exit code");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/training-jobs/" + jobId).then().statusCode(200);
    }

    /** The job's worker process, once it has reported a step. */
    private ProcessHandle awaitWorker(String jobId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                runner.worker(UUID.fromString(jobId)) != null
                        && given().get("/api/training-jobs/" + jobId).then().extract().<Integer>path("step") > 0);
        return runner.worker(UUID.fromString(jobId));
    }

    @Test
    void shouldCancelAJobAndRefuseToCancelItTwice() throws Exception {
        String jobId = startJob(Map.of("datasetId", uploadDataset(TinyGpt2.pairs()), "baseModel", registerTinyModel(),
                "hyperparameters", Map.of("epochs", 1000, "batchSize", 4, "maxLength", 32)));
        given().post("/api/training-jobs/" + jobId + "/cancel").then().statusCode(200);
        assertThat(awaitJob(jobId).getString("state")).isEqualTo("CANCELLED");
        given().post("/api/training-jobs/" + jobId + "/cancel").then().statusCode(409);
        given().get("/api/training-jobs").then().statusCode(200).body("id", hasItem(jobId));
    }

    private static String registerTinyModel() throws IOException {
        Path dir = TinyGpt2.write(WORK.resolve("tiny-" + UUID.randomUUID()), 5);
        return given().contentType(ContentType.JSON).body(Map.of("name", "tiny", "path", dir.toString()))
                .post("/api/models").then().statusCode(201).extract().path("id");
    }

    private static String uploadDataset(List<TrainingPair> pairs) {
        List<Map<String, String>> alpaca = pairs.stream().map(p -> {
            Map<String, String> row = new HashMap<>();
            row.put("instruction", p.prompt());
            row.put("input", "");
            row.put("output", p.target());
            return row;
        }).toList();
        return given().contentType(ContentType.JSON).body(alpaca).queryParam("name", "python-alpaca")
                .post("/api/datasets").then().statusCode(201).extract().path("id");
    }

    private static String startJob(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request)
                .post("/api/training-jobs").then().statusCode(202).body("state", equalTo("QUEUED"))
                .extract().path("id");
    }

    private static JsonPath awaitJob(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String state = given().get("/api/training-jobs/" + id).then().statusCode(200).extract().path("state");
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(state);
        });
        return given().get("/api/training-jobs/" + id).then().statusCode(200).extract().jsonPath();
    }
}
