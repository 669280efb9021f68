package io.caitune.pipeline;

/**
 * The endpoint refused the credentials (401, 403): every further call would fail the same way, so the run is paused
 * with this reason instead of failing sample after sample; it resumes once the key is fixed.
 */
public class EndpointAuthException extends ModelCallRefusedException {

    public EndpointAuthException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }
}
