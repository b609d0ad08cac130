package dev.parley.pushrelay.push;

/**
 * A push that did not succeed, classified the way the upstream relay classifies it, because the class
 * decides the HTTP status of the public API. The message is for logs and never carries a token or key.
 */
public final class PushException extends RuntimeException {

    /** Why a push failed, with the status the public API answers. */
    public enum Kind {
        /** The provider rejected the token or payload, or the provider is not configured: 400. */
        REMOTE_CLIENT(400, "client_error"),
        /** The request could not be sent or no answer came in time: 400, as upstream does. */
        SEND_ERROR(400, "send_error"),
        /** The provider failed or is overloaded: 502. */
        REMOTE_SERVER(502, "server_error"),
        /** Our own failure or an unexpected answer: 500. */
        INTERNAL(500, "internal_error"),
        /** The provider refused our credentials: 500. */
        REMOTE_AUTH(500, "auth_error");

        private final int status;
        private final String metricTag;

        Kind(int status, String metricTag) {
            this.status = status;
            this.metricTag = metricTag;
        }

        public int status() {
            return status;
        }

        public String metricTag() {
            return metricTag;
        }
    }

    private final Kind kind;

    public PushException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Maps any failure of a send pipeline to a classified one: unknown errors count as send errors. */
    public static PushException classify(Throwable error) {
        if (error instanceof PushException push) {
            return push;
        }
        return new PushException(Kind.SEND_ERROR, "request failed: " + error.getClass().getSimpleName());
    }
}
