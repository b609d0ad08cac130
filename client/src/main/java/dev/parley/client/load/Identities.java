package dev.parley.client.load;

import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.IdentityCredentials;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated users of a run, created through the deployment's directory: with the internal
 * admin API ({@code POST admin/v1/identities}, one request per identity, many in parallel) when
 * its URL and secret are given, else by open registration as an app does. Optionally kept in a
 * file for the next run against the same deployment (the file names the chat server key, so a
 * fresh deployment with new keys never gets stale identities).
 */
public final class Identities {

    private static final Pattern ID = Pattern.compile("\"identity\"\\s*:\\s*\"([A-Z0-9*]{8})\"");
    private static final int PARALLEL = 32;

    private final LoadSettings settings;
    private final PrintWriter log;
    private final List<LoadIdentity> pool = new ArrayList<>();
    private boolean loaded;
    private int reserved;

    public Identities(LoadSettings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * {@code count} identities no other caller of this method gets: for scenarios whose logins
     * would replace each other's connections (the mixed scenario runs several on one pool).
     */
    public synchronized List<LoadIdentity> reserve(int count) throws IOException, InterruptedException {
        List<LoadIdentity> all = take(reserved + count);
        List<LoadIdentity> out = all.subList(reserved, reserved + count);
        reserved += count;
        return out;
    }

    /** The first {@code count} identities of the pool (shared: lookups), creating what is missing. */
    public synchronized List<LoadIdentity> take(int count) throws IOException, InterruptedException {
        load();
        if (pool.size() < count) {
            int missing = count - pool.size();
            long start = System.nanoTime();
            List<LoadIdentity> created = create(missing);
            pool.addAll(created);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (log != null && missing >= 100) {
                log.printf("created %d identities in %.1f s (%.0f/s)%n", missing, seconds, missing / seconds);
                log.flush();
            }
            save();
        }
        return List.copyOf(pool.subList(0, count));
    }

    private String header() {
        return "# parley load identities for chat key " + (settings.chatKey == null ? "-" : Hex.encode(settings.chatKey));
    }

    private void load() throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        Path file = settings.identitiesFile;
        if (file == null || !Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header())) {
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2) {
                pool.add(new LoadIdentity(ThreemaId.of(parts[0]), X25519.KeyPair.fromSecretKey(Hex.decode(parts[1]))));
            }
        }
    }

    private void save() throws IOException {
        Path file = settings.identitiesFile;
        if (file == null) {
            return;
        }
        StringBuilder out = new StringBuilder(header()).append('\n');
        for (LoadIdentity identity : pool) {
            out.append(identity.id()).append(' ').append(Hex.encode(identity.keys().secretKey())).append('\n');
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, out);
    }

    private List<LoadIdentity> create(int count) throws IOException, InterruptedException {
        if (settings.admin != null && settings.adminSecret != null) {
            return createWithAdminApi(count);
        }
        return createByRegistration(count);
    }

    private List<LoadIdentity> createWithAdminApi(int count) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = settings.admin.toString().endsWith("/") ? settings.admin.toString() : settings.admin + "/";
        URI uri = URI.create(base + "admin/v1/identities");
        Semaphore window = new Semaphore(PARALLEL);
        List<CompletableFuture<LoadIdentity>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.acquire();
            X25519.KeyPair keys = X25519.generateKeyPair();
            String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(keys.publicKey()) + "\"}";
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + settings.adminSecret)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                window.release();
                if (error != null) {
                    throw new IllegalStateException("identity not created: " + error.getMessage(), error);
                }
                Matcher id = ID.matcher(response.body());
                if (response.statusCode() != 201 || !id.find()) {
                    throw new IllegalStateException("identity not created: HTTP " + response.statusCode() + " "
                            + response.body());
                }
                return new LoadIdentity(ThreemaId.of(id.group(1)), keys);
            }));
        }
        return collect(futures);
    }

    private List<LoadIdentity> createByRegistration(int count) throws IOException, InterruptedException {
        DirectoryClient directory = new DirectoryClient(settings.directory);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, count));
        try {
            List<CompletableFuture<LoadIdentity>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        IdentityCredentials created = directory.createIdentity();
                        return new LoadIdentity(ThreemaId.of(created.identity()), created.keys());
                    } catch (Exception e) {
                        throw new IllegalStateException("identity not created: " + e.getMessage(), e);
                    }
                }, pool));
            }
            return collect(futures);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static List<LoadIdentity> collect(List<CompletableFuture<LoadIdentity>> futures) throws IOException {
        List<LoadIdentity> out = new ArrayList<>(futures.size());
        for (CompletableFuture<LoadIdentity> future : futures) {
            try {
                out.add(future.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IOException(cause.getMessage(), cause);
            }
        }
        return out;
    }
}
