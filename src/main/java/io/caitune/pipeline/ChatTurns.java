package io.caitune.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rendered prompt of an AI service into the chat it stands for: a user message holding {@link Turns#CHAT}
 * markers becomes alternating user and assistant messages, and a system message that says "none" is dropped.
 * Requests without markers pass unchanged.
 */
final class ChatTurns {

    private ChatTurns() {
    }

    static ChatRequest split(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        if (messages.stream().noneMatch(ChatTurns::marked)) {
            return request;
        }
        List<ChatMessage> out = new ArrayList<>(messages.size() + 8);
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage system) {
                if (!system.text().strip().equals(Turns.NO_SYSTEM_MESSAGE)) {
                    out.add(message);
                }
            } else if (message instanceof UserMessage user && user.hasSingleText()
                    && user.singleText().contains(Turns.USER_MARK)) {
                splitUser(user.singleText(), out);
            } else {
                out.add(message);
            }
        }
        return request.toBuilder().messages(out).build();
    }

    /** "u1 ⟨A⟩ a1 ⟨U⟩ u2 ⟨A⟩ a2 ⟨U⟩ u3" → user u1, assistant a1, user u2, assistant a2, user u3. */
    private static void splitUser(String text, List<ChatMessage> out) {
        for (String part : text.split(java.util.regex.Pattern.quote(Turns.USER_MARK), -1)) {
            int at = part.indexOf(Turns.ASSISTANT_MARK);
            if (at < 0) {
                out.add(UserMessage.from(part));
            } else {
                out.add(UserMessage.from(part.substring(0, at)));
                out.add(AiMessage.from(part.substring(at + Turns.ASSISTANT_MARK.length())));
            }
        }
    }

    private static boolean marked(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text().strip().equals(Turns.NO_SYSTEM_MESSAGE);
        }
        return message instanceof UserMessage user && user.hasSingleText()
                && user.singleText().contains(Turns.USER_MARK);
    }
}
