package io.caitune.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A prompt read from a file: its id (id column or row number), text, optional target answer and source row. */
public record ParsedPrompt(String id, String prompt, String target, ObjectNode metadata) {
}
