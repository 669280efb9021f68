package io.caitune.pipeline;

import io.quarkus.qute.TemplateData;

import java.util.UUID;

/**
 * Separators the AI service templates place between the turns of a few-shot conversation. An AI service method
 * renders one user message; with {@link #CHAT} the separators are markers that {@link ChatTurns} turns into real
 * user/assistant messages before the request leaves the process, with {@link #INLINE} they are plain text and the
 * conversation stays one message. The markers carry a random per-process nonce, so no prompt, answer or
 * constitution text can forge one.
 *
 * @param assistant what precedes a demonstrated assistant reply
 * @param user      what precedes the next user turn
 */
@TemplateData
public record Turns(String assistant, String user) {

    private static final String NONCE = UUID.randomUUID().toString();

    static final String ASSISTANT_MARK = "\u0001turn:assistant:" + NONCE + "\u0001";
    static final String USER_MARK = "\u0001turn:user:" + NONCE + "\u0001";
    /** A system message that is exactly this is left out of the request: the constitution asked for none. */
    static final String NO_SYSTEM_MESSAGE = "\u0001no-system-message:" + NONCE + "\u0001";

    public static final Turns CHAT = new Turns(ASSISTANT_MARK, USER_MARK);
    public static final Turns INLINE = new Turns("\n", "\n\n===\n\n");

    /**
     * The system message template value for a constitution's setting: absent (null) keeps the AI service's default,
     * empty (or blank) means no system message at all, as in the ConstitutionalAiTuning library.
     */
    public static String systemMessage(String configured) {
        if (configured == null) {
            return null;
        }
        return configured.isBlank() ? NO_SYSTEM_MESSAGE : configured;
    }
}
