package io.caitune.preference;

/** One order's answer from the feedback model: the option shown as (A) or (B), or none, with what backs it. */
public record Verdict(Option option, ParsedChoice.Reason reason, Double probabilityA, String reasoning,
        String response, long latencyMs) {
}
