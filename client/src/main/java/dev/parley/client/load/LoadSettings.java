package dev.parley.client.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a scenario needs to know: where the deployment is and how big the simulated
 * population is. Filled from the command line by {@link LoadCommand}; tests set the fields.
 */
public final class LoadSettings {

    // ---- the deployment ----
    public InetSocketAddress chat = new InetSocketAddress("127.0.0.1", 5222);
    public byte[] chatKey;
    public URI directory = URI.create("http://127.0.0.1:8081/");
    /** The directory's internal API (admin), for creating identities without registration round trips. */
    public URI admin;
    public String adminSecret;
    public URI blob = URI.create("http://127.0.0.1:8082/");
    /** The blob endpoints as an OPPF names them; null: everything under {@link #blob}. */
    public dev.parley.client.media.BlobEndpoints blobEndpoints;
    public URI safe = URI.create("http://127.0.0.1:8083/");
    public URI mediator = URI.create("ws://127.0.0.1:8085");

    // ---- the population ----
    /** CSP connections (the idle and messages scenarios), D2M devices (reflect), senders (offline). */
    public int connections = 100;
    /** Simulated identities; 0 picks what the scenario needs. */
    public int identities;
    /** Where created identities are kept for the next run; null creates fresh ones every time. */
    public Path identitiesFile;
    /** Source addresses to bind, round robin; null picks them (several 127.0.0.x beyond 20,000 connections to loopback). */
    public List<InetAddress> sourceAddresses;
    public int eventLoops = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    public int httpConcurrency = 32;
    public Duration timeout = Duration.ofSeconds(10);

    // ---- scenario parameters ----
    /** Bytes of the (random) end-to-end box of each message. */
    public int messageSize = 100;
    /** Devices per group in the reflect scenario. */
    public int devices = 3;
    public int blobSize = 64 * 1024;
    public int safeSize = 4 * 1024;
    /** Echo requests on idle connections, so the server's idle timeout (300 s) never ends them. */
    public Duration keepalive = Duration.ofSeconds(120);
    /** Proportions for the mixed scenario, e.g. messages=70, directory=20, blob=10. */
    public Map<String, Integer> mix = Map.of();
    /** Measure this JVM's X25519 rate for the logins scenario's DH bound. */
    public boolean dhBaseline = true;

    public int identitiesOr(int needed) {
        return Math.max(identities, needed);
    }
}
