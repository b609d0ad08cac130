package dev.parley.client.safe;

import java.time.Duration;
import java.util.Optional;

/** The server answered with a status the operation does not expect; {@code retryAfter} comes with 429. */
public class SafeHttpException extends SafeException {

    private final int status;
    private final Duration retryAfter;

    public SafeHttpException(int status, Duration retryAfter) {
        super("Safe server answered HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
