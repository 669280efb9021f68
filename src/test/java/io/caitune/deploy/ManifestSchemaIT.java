package io.caitune.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests a cluster would receive, checked against the Kubernetes and Knative schemas (npm
 * {@code kubernetes-models}, {@code @kubernetes-models/knative}; installed by the build into target/k8s-validate,
 * see k8s/validate). Runs after packaging, when the Quarkus Kubernetes extension has generated
 * target/kubernetes/kubernetes.yml.
 */
class ManifestSchemaIT {

    private static final Path VALIDATOR = Path.of("target", "k8s-validate", "validate.mjs");
    private static final Path GENERATED = Path.of("target", "kubernetes", "kubernetes.yml");
    private static final Path KNATIVE = Path.of("k8s", "knative-service.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @BeforeAll
    static void validatorInstalled() {
        Assumptions.assumeFalse(Boolean.getBoolean("k8s.validate.skip"), "-Dk8s.validate.skip=true");
        assertThat(VALIDATOR.resolveSibling("node_modules").resolve("kubernetes-models"))
                .as("npm ci in target/k8s-validate (pre-integration-test)").isDirectory();
    }

    @Test
    void generatedManifestsMatchTheKubernetesSchemas() throws Exception {
        Result result = validate(GENERATED);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok " + GENERATED + " Deployment/cai-tuning-service",
                "ok " + GENERATED + " Service/cai-tuning-service");
    }

    @Test
    void knativeServiceMatchesTheKnativeSchema() throws Exception {
        Result result = validate(KNATIVE);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok " + KNATIVE + " Service/cai-tuning-service");
    }

    @Test
    void aBrokenManifestIsRejected() throws Exception {
        ObjectNode knative = (ObjectNode) YAML.readTree(KNATIVE.toFile());
        ObjectNode container = (ObjectNode) knative.at("/spec/template/spec/containers/0");
        container.remove("name");
        container.put("ports", "8080");
        Path broken = Files.createDirectories(Path.of("target", "k8s-validate", "broken")).resolve("knative.yaml");
        YAML.writeValue(broken.toFile(), knative);
        Result result = validate(broken);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("invalid " + broken, "must have required property name",
                "ports must be array");
    }

    @Test
    void knativeScalesOnTheReplicasEndpointCapAndRunsTheAotImage() throws Exception {
        JsonNode template = YAML.readTree(KNATIVE.toFile()).at("/spec/template");
        JsonNode container = template.at("/spec/containers/0");
        String concurrency = null;
        for (JsonNode env : container.get("env")) {
            if (env.get("name").asText().equals("CAI_PIPELINE_CONCURRENCY")) {
                concurrency = env.get("value").asText();
            }
        }
        assertThat(concurrency).as("CAI_PIPELINE_CONCURRENCY set on the container").isNotNull();
        JsonNode annotations = template.at("/metadata/annotations");
        assertThat(annotations.get("autoscaling.knative.dev/metric").asText()).isEqualTo("concurrency");
        assertThat(annotations.get("autoscaling.knative.dev/target").asText()).isEqualTo(concurrency);
        // the workers' pool is a quarter above the endpoint cap, as the README advises
        int workers = 0;
        for (JsonNode env : container.get("env")) {
            if (env.get("name").asText().equals("CAI_PIPELINE_WORKERS")) {
                workers = env.get("value").asInt();
            }
        }
        assertThat(workers).isGreaterThanOrEqualTo(Integer.parseInt(concurrency) * 5 / 4);
        assertThat(container.get("image").asText()).endsWith("-aot");
    }

    private static Result validate(Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", VALIDATOR.toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(node.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
