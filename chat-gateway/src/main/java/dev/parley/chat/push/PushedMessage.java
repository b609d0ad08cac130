package dev.parley.chat.push;

import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;

/**
 * The message a push names for the iOS app's notification extension: who sent it, its ID and the
 * sender's nickname from the struct's legacy field (empty when the sender left it blank). Only
 * what the server can see in the struct's header; nothing of the end-to-end encrypted box.
 */
public record PushedMessage(ThreemaId sender, long messageId, String nickname) {

    public PushedMessage {
        if (sender == null || nickname == null) {
            throw new IllegalArgumentException("sender and nickname are required");
        }
    }

    public static PushedMessage of(MessageStruct message) {
        return new PushedMessage(message.sender(), message.messageId(), message.legacyNicknameText());
    }
}
