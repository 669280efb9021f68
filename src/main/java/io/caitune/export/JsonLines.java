package io.caitune.export;

import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** JSON Lines: one object a line, written from the row callbacks of the exporters (which cannot throw IOException). */
public final class JsonLines {

    /** A chat message as the conversational formats write it: {@code {"role", "content"}}. */
    public record Message(String role, String content) {
    }

    private final ObjectWriter writer;
    private final OutputStream out;

    public JsonLines(ObjectWriter writer, OutputStream out) {
        this.writer = writer;
        this.out = out;
    }

    public void write(Object line) {
        try {
            out.write(writer.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
