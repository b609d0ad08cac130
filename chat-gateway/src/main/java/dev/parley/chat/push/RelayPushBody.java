package dev.parley.chat.push;

import dev.parley.common.csp.payload.PushTokenType;
import dev.parley.common.identity.ThreemaId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of one {@code POST internal/v1/push} (push-relay README). A mutable-content APNs
 * token (0x05/0x06) gets the sealed payload, its bare device token and its bundle id as
 * {@code topic}; every other token goes as registered, with no message data.
 */
final class RelayPushBody {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private RelayPushBody() {
    }

    /** Empty when the token is a mutable-content one that does not parse: nothing can be sealed for it. */
    static Optional<Map<String, Object>> of(ThreemaId identity, int tokenType, byte[] token, PushedMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", identity.toString());
        body.put("tokenType", tokenType);
        if (!mutableContent(tokenType)) {
            body.put("token", BASE64.encodeToString(token));
            return Optional.of(body);
        }
        Optional<IosPushToken> ios = IosPushToken.parse(token);
        if (ios.isEmpty()) {
            return Optional.empty();
        }
        ApnsPayloadSealer.Sealed sealed = ApnsPayloadSealer.seal(ios.get(), message);
        body.put("token", BASE64.encodeToString(ios.get().deviceToken()));
        body.put("encryptedPayload", BASE64.encodeToString(sealed.box()));
        body.put("nonce", BASE64.encodeToString(sealed.nonce()));
        body.put("topic", ios.get().bundleId());
        return Optional.of(body);
    }

    static boolean mutableContent(int tokenType) {
        return tokenType == PushTokenType.APNS_PRODUCTION_MUTABLE_CONTENT.code()
                || tokenType == PushTokenType.APNS_DEVELOPMENT_MUTABLE_CONTENT.code();
    }
}
