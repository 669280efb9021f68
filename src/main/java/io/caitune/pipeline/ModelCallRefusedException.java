package io.caitune.pipeline;

/**
 * A model call that must not be tried again: the endpoint refused the request itself (a 4xx other than 429), or the
 * stage's time budget was spent while the endpoint stayed busy.
 */
public class ModelCallRefusedException extends ModelCallException {

    public ModelCallRefusedException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }
}
