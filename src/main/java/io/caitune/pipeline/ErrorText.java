package io.caitune.pipeline;

/** What a failed sample or judgement stores as its error: never empty, at most the column's 2000 characters. */
public final class ErrorText {

    private static final int MAX = 2000;

    private ErrorText() {
    }

    public static String stored(String error) {
        return error == null ? "unknown error" : error.length() > MAX ? error.substring(0, MAX) : error;
    }
}
