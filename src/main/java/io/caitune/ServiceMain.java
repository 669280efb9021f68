package io.caitune;

import io.caitune.training.TrainingWorker;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.util.Arrays;

/**
 * The application's entry point, for the two ways the jar runs:
 * <ul>
 * <li>{@code java -jar quarkus-run.jar}: the service. Quarkus' own URI check before routing is turned off, because it
 * answers a malformed URL with an empty 400; {@code web.HttpLayerProblems} makes the same check and answers with
 * problem JSON. (Tests set the same system property in the build: {@code @QuarkusTest} does not go through a main.)</li>
 * <li>{@code java -jar quarkus-run.jar training-worker <spec.json>}: one training job in this JVM without starting the
 * service (no HTTP port, no database): how the packaged service starts its worker processes.</li>
 * </ul>
 */
@QuarkusMain
public class ServiceMain {

    /** Read by Quarkus' HTTP recorder when it builds the root request handler. */
    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) throws IOException {
        if (args.length > 0 && TrainingWorker.JAR_ARGUMENT.equals(args[0])) {
            TrainingWorker.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
