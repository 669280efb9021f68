package io.caitune.web;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point: Quarkus as usual, except that its own URI check before routing is off, because it answers
 * a malformed URL with an empty 400; {@link HttpLayerProblems} makes the same check and answers with problem JSON.
 * (Tests set the same system property in the build, since {@code @QuarkusTest} does not go through a main method.)
 */
@QuarkusMain
public class ServiceMain {

    /** Read by Quarkus's HTTP recorder when it builds the root request handler. */
    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
