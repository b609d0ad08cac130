package dev.parley.pushrelay.internal;

import dev.parley.pushrelay.push.Provider;

/**
 * Push token types as clients send them in CSP payloads 0x20/0x24 (PROTOCOLS §5.5). The split of
 * 0x05/0x06 into production and sandbox mirrors 0x01/0x02.
 */
enum PushTokenType {
    APNS_PRODUCTION(0x01, Provider.APNS, true, false),
    APNS_SANDBOX(0x02, Provider.APNS, false, false),
    APNS_PRODUCTION_MUTABLE(0x05, Provider.APNS, true, true),
    APNS_SANDBOX_MUTABLE(0x06, Provider.APNS, false, true),
    FCM(0x11, Provider.FCM, true, false),
    HMS(0x13, Provider.HMS, true, false);

    private final int code;
    private final Provider provider;
    private final boolean production;
    private final boolean mutableContent;

    PushTokenType(int code, Provider provider, boolean production, boolean mutableContent) {
        this.code = code;
        this.provider = provider;
        this.production = production;
        this.mutableContent = mutableContent;
    }

    static PushTokenType of(int code) {
        for (PushTokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    Provider provider() {
        return provider;
    }

    boolean production() {
        return production;
    }

    boolean mutableContent() {
        return mutableContent;
    }
}
