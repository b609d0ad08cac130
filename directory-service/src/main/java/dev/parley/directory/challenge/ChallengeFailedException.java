package dev.parley.directory.challenge;

/** A challenge response that does not count; the reason picks the client-visible message or code. */
public class ChallengeFailedException extends RuntimeException {

    public enum Reason {
        EXPIRED("challenge-expired", "Token expired or already used"),
        INVALID_TOKEN("invalid-challenge-response", "Invalid token"),
        WRONG_RESPONSE("invalid-challenge-response", "Invalid response");

        private final String workCode;
        private final String message;

        Reason(String workCode, String message) {
            this.workCode = workCode;
            this.message = message;
        }

        public String workCode() {
            return workCode;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public ChallengeFailedException(Reason reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
