package io.caitune.pipeline;

/**
 * The endpoint could not take the call now (429, 502, 503, 504, a timeout or a reset connection): retried until the
 * stage's time budget ({@code cai.pipeline.stage-budget}) is spent.
 */
public class EndpointBusyException extends ModelCallException {

    public EndpointBusyException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }
}
