package io.caitune.pipeline;

/**
 * A model call that did not give an answer, with what the endpoint said: the HTTP status (0 when no response came)
 * and its message, already redacted. Its message is never empty, so a failed sample always says what happened.
 * This type itself is a failure worth a few more tries (a 500, an unreadable reply); its subtypes say otherwise.
 */
public class ModelCallException extends RuntimeException {

    private final int status;

    public ModelCallException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The endpoint's HTTP status; 0 when the call ended without a response (timeout, connection reset). */
    public int status() {
        return status;
    }

    static String describe(int status, String detail) {
        String what = detail == null || detail.isBlank() ? "no message" : detail.strip();
        return status > 0 ? "HTTP " + status + " from the model endpoint: " + what : what;
    }
}
