package dev.parley.directory.web;

/**
 * An application error the clients expect inside a 200 response as
 * {@code {"success": false, "error": "<message>"}} (PROTOCOLS.md §1.1): Android treats any other
 * status of a POST as an I/O error and would not show the message.
 */
public class ApiException extends RuntimeException {

    public ApiException(String message) {
        super(message, null, false, false);
    }
}
