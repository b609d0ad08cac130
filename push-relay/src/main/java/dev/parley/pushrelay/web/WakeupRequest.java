package dev.parley.pushrelay.web;

import java.nio.charset.StandardCharsets;

/**
 * A validated {@code POST /push}. Checks run in the upstream relay's order, because the order decides
 * which of "Missing parameters" and "Invalid parameters" a request with several faults gets.
 */
record WakeupRequest(Target target, String session, int version, String affiliation, long ttl, String collapseKey) {

    static final long DEFAULT_TTL = 90;
    static final String COLLAPSE_KEY_PREFIX = "relay.";
    /** APNs rejects collapse ids longer than 64 bytes. */
    static final int MAX_APNS_COLLAPSE_ID_BYTES = 64;

    /** Where the wake-up goes. */
    sealed interface Target {
    }

    record Fcm(String token) implements Target {
    }

    record Apns(String token, String bundleId, boolean production) implements Target {
    }

    record Hms(String token, String appId) implements Target {
    }

    record ThreemaGateway(String identity, byte[] publicKey) implements Target {
    }

    /** A request the relay refuses before contacting any provider; the message is the response body. */
    static final class Rejected extends Exception {

        static final Rejected MISSING = new Rejected("Missing parameters");
        static final Rejected INVALID = new Rejected("Invalid parameters");

        private final byte[] body;

        private Rejected(String body) {
            super(body, null, false, false);
            this.body = body.getBytes(StandardCharsets.US_ASCII);
        }

        /** The response body, encoded once and shared: not to be modified. */
        byte[] body() {
            return body;
        }
    }

    static WakeupRequest from(FormBody form) throws Rejected {
        if (form.isEmpty()) {
            throw Rejected.MISSING;
        }
        String type = form.first("type");
        Target target = switch (type == null ? "fcm" : type) {
            case "fcm", "gcm" -> new Fcm(required(form, "token"));
            case "apns" -> new Apns(required(form, "token"), null, true);
            case "hms" -> new Hms(required(form, "token"), required(form, "appid"));
            case "threema-gateway" -> gateway(form);
            default -> throw Rejected.INVALID;
        };
        String session = required(form, "session");
        int version = (int) unsigned(required(form, "version"), 0xffff);
        String affiliation = form.first("affiliation");
        String ttlText = form.first("ttl");
        long ttl = ttlText == null ? DEFAULT_TTL : unsigned(ttlText, 0xffff_ffffL);
        String collapseKey = form.first("collapse_key");
        if (collapseKey != null) {
            collapseKey = COLLAPSE_KEY_PREFIX + collapseKey;
        }
        if (target instanceof Apns apns) {
            String bundleId = required(form, "bundleid");
            boolean production = switch (required(form, "endpoint")) {
                case "p" -> true;
                case "s" -> false;
                default -> throw Rejected.INVALID;
            };
            if (collapseKey != null && collapseKey.getBytes(StandardCharsets.UTF_8).length > MAX_APNS_COLLAPSE_ID_BYTES) {
                throw Rejected.INVALID;
            }
            target = new Apns(apns.token(), bundleId, production);
        }
        return new WakeupRequest(target, session, version, affiliation, ttl, collapseKey);
    }

    private static Target gateway(FormBody form) throws Rejected {
        String identity = required(form, "identity");
        if (identity.getBytes(StandardCharsets.UTF_8).length != 8 || identity.startsWith("*")) {
            throw Rejected.INVALID;
        }
        String publicKeyHex = required(form, "public_key");
        if (publicKeyHex.length() != 64) {
            throw Rejected.INVALID;
        }
        byte[] publicKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = hexDigit(publicKeyHex.charAt(2 * i));
            int lo = hexDigit(publicKeyHex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw Rejected.INVALID;
            }
            publicKey[i] = (byte) ((hi << 4) | lo);
        }
        return new ThreemaGateway(identity, publicKey);
    }

    private static String required(FormBody form, String name) throws Rejected {
        String value = form.first(name);
        if (value == null) {
            throw Rejected.MISSING;
        }
        return value;
    }

    /** Parses like Rust's {@code str::trim().parse::<uN>()}: optional leading '+', ASCII digits only. */
    private static long unsigned(String text, long max) throws Rejected {
        String trimmed = text.strip();
        int start = trimmed.startsWith("+") ? 1 : 0;
        if (trimmed.length() == start || trimmed.length() - start > 20) {
            throw Rejected.INVALID;
        }
        long value = 0;
        for (int i = start; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') {
                throw Rejected.INVALID;
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                throw Rejected.INVALID;
            }
        }
        return value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
