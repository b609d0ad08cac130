package dev.parley.client.safe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Safe server's HTTP API as the Threema clients call it: {@code GET config},
 * {@code PUT/GET/HEAD/DELETE backups/<id>}. Knows nothing about encryption; bodies are opaque.
 * Thread-safe.
 */
public final class SafeClient {

    /** Whether a PUT created the backup (201) or replaced one (204). */
    public enum PutResult { CREATED, UPDATED }

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final int MAX_CONFIG_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final int maxDownloadBytes;

    private SafeClient(HttpClient http, URI base, String authorization, int maxDownloadBytes) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
        this.maxDownloadBytes = maxDownloadBytes;
    }

    /**
     * A client for a server given the way users enter it: {@code host/path}, optionally with
     * {@code user:password@} (then sent as HTTP Basic) and optionally with a scheme
     * ({@code https://} is assumed when there is none).
     */
    public static SafeClient forServer(HttpClient http, String server) {
        String withScheme = server.contains("://") ? server : "https://" + server;
        URI uri = URI.create(withScheme.endsWith("/") ? withScheme : withScheme + "/");
        String authorization = null;
        if (uri.getUserInfo() != null) {
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
            try {
                uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad Safe server URL", e);
            }
        }
        return new SafeClient(http, uri, authorization, 64 * 1024 * 1024);
    }

    /** The same server, authenticating with an OnPrem token ({@code Authorization: Token <t>}) instead. */
    public SafeClient withToken(String token) {
        return new SafeClient(http, base, "Token " + token, maxDownloadBytes);
    }

    /** The same server, refusing downloads larger than {@code bytes}. */
    public SafeClient withMaxDownloadBytes(int bytes) {
        return new SafeClient(http, base, authorization, bytes);
    }

    public URI baseUrl() {
        return base;
    }

    public SafeServerConfig config() {
        HttpResponse<InputStream> response = send(request("config").header("Accept", "application/json").GET());
        expect(response, 200);
        JsonNode json = JSON.readTree(readBounded(response, MAX_CONFIG_BYTES));
        JsonNode max = json.get("maxBackupBytes");
        JsonNode retention = json.get("retentionDays");
        if (max == null || !max.canConvertToLong() || retention == null || !retention.canConvertToInt()) {
            throw new SafeException("Malformed server response");
        }
        return new SafeServerConfig(max.asLong(), retention.asInt());
    }

    public PutResult put(String backupId, byte[] body) {
        HttpResponse<InputStream> response = send(request(backupPath(backupId))
                .header("Content-Type", OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        discard(response);
        return switch (response.statusCode()) {
            case 201 -> PutResult.CREATED;
            case 200, 204 -> PutResult.UPDATED;
            default -> throw failure(response);
        };
    }

    /** The stored bytes, or empty when the server has no backup under this ID (404). */
    public Optional<byte[]> get(String backupId) {
        HttpResponse<InputStream> response = send(request(backupPath(backupId)).header("Accept", OCTET_STREAM).GET());
        if (response.statusCode() == 404) {
            discard(response);
            return Optional.empty();
        }
        expect(response, 200);
        return Optional.of(readBounded(response, maxDownloadBytes));
    }

    /** HEAD: whether a backup exists under this ID. */
    public boolean exists(String backupId) {
        HttpResponse<InputStream> response = send(request(backupPath(backupId))
                .header("Accept", OCTET_STREAM)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        discard(response);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw failure(response);
        };
    }

    /** Deletes the backup; false when there was none (404). */
    public boolean delete(String backupId) {
        HttpResponse<InputStream> response = send(request(backupPath(backupId)).DELETE());
        discard(response);
        return switch (response.statusCode()) {
            case 200, 204 -> true;
            case 404 -> false;
            default -> throw failure(response);
        };
    }

    private static String backupPath(String backupId) {
        if (backupId.length() != 64 || !backupId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("backup ID must be 64 lowercase hex characters");
        }
        return "backups/" + backupId;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SafeException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<InputStream> response, int status) {
        if (response.statusCode() != status) {
            discard(response);
            throw failure(response);
        }
    }

    private static SafeHttpException failure(HttpResponse<?> response) {
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(null);
        return new SafeHttpException(response.statusCode(), retryAfter);
    }

    private static byte[] readBounded(HttpResponse<InputStream> response, int maxBytes) {
        try (InputStream in = response.body()) {
            byte[] data = in.readNBytes(maxBytes);
            if (in.read() >= 0) {
                throw new SafeException("server response larger than " + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(MAX_CONFIG_BYTES);
        } catch (IOException ignored) {
            // The body of an error or empty response carries nothing we use.
        }
    }
}
