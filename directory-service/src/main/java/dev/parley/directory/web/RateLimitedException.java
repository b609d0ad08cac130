package dev.parley.directory.web;

/** Too many attempts: 429, which the clients map to "rate limit". */
public class RateLimitedException extends RuntimeException {

    public RateLimitedException() {
        super("rate limit exceeded", null, false, false);
    }
}
