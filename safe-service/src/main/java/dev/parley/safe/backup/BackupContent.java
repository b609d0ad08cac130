package dev.parley.safe.backup;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * A backup found for a GET: its exact length for Content-Length and the body that sends it. The
 * body writes to the response by itself and must not need the inserter's context (message
 * writers): {@link DirectBackupGet} sends it outside WebFlux, where there is none.
 */
public record BackupContent(long size, BodyInserter<?, ? super ServerHttpResponse> body) {
}
