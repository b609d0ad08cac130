package dev.parley.directory.licence;

import dev.parley.directory.web.JsonRequest;
import reactor.core.publisher.Mono;

/**
 * Decides whether an {@code identity/create} request may register (PROTOCOLS.md §1.3): the
 * licensing fields of the request are the input. Exactly one implementation is active, chosen
 * by {@code parley.directory.identity.licence-mode}.
 */
public interface LicenceCheck {

    /** Completes with the result; never errors for a refused licence. */
    Mono<Result> check(JsonRequest request);

    /** Allowed or not; {@code workUserId} names the Work user whose credentials were presented. */
    record Result(boolean allowed, String error, Long workUserId) {

        public static Result allow() {
            return new Result(true, null, null);
        }

        public static Result allowWorkUser(long workUserId) {
            return new Result(true, null, workUserId);
        }

        public static Result refuse(String error) {
            return new Result(false, error, null);
        }
    }
}
