package dev.parley.chat.identity;

import dev.parley.common.identity.ThreemaId;

/** What the chat server needs to know of an identity: its permanent public key and whether it is revoked. */
public record PublicIdentity(ThreemaId id, byte[] publicKey, boolean revoked) {
}
