package dev.parley.directory.web;

/** Bad credentials on the Work API: 401 with {@code {"code": <code>}} (PROTOCOLS.md §1.2, §1.9). */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String code) {
        super(code, null, false, false);
    }
}
