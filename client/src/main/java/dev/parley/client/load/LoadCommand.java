package dev.parley.client.load;

import dev.parley.client.load.csp.CspLoadClient;
import dev.parley.client.load.engine.Engine;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.RunResult;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.report.Reports;
import dev.parley.client.load.scenario.Scenarios;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley load SCENARIO}: the load generator. See client/README.md for the scenarios,
 * the two load models and the reports.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load generator: drives a deployment with simulated users and reports throughput and "
                + "latency (HdrHistogram, corrected for coordinated omission).",
                "Scenarios: logins, messages, offline, idle, directory, blob, safe, reflect, mixed.",
                "Open model with --rate (fixed arrival rate), closed model with --concurrency (fixed number in flight)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed within --max-error-ratio", "1:more errors than allowed, or another failure",
                "2:usage error", "3:server unreachable"})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "logins | messages | offline | idle | directory | blob | safe | reflect | mixed")
    String scenario;

    // ---- load model ----
    @Option(names = "--model", description = "open or closed (default: open with --rate, else closed).")
    String model;

    @Option(names = "--rate", description = "Operations per second (open model).")
    Double rate;

    @Option(names = "--concurrency", description = "Operations in flight (closed model; default: 64, logins 8).")
    Integer concurrency;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to run after the ramp-up, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--ramp-up", defaultValue = "2s", converter = DurationConverter.class,
            description = "Linear ramp from zero to the rate or concurrency; not in the summary (default: ${DEFAULT-VALUE}).")
    Duration rampUp;

    @Option(names = "--think-time", defaultValue = "0s", converter = DurationConverter.class,
            description = "Closed model: pause between one user's operations (default: ${DEFAULT-VALUE}).")
    Duration thinkTime;

    @Option(names = "--max-in-flight", defaultValue = "200000",
            description = "Open model: outstanding operations at most; later ones wait and the wait counts (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "An operation not done by then fails (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    // ---- population ----
    @Option(names = "--connections", description = "CSP connections (messages: 2 per pair; idle: to hold; offline: "
            + "senders), D2M devices (reflect). Defaults: messages 100, idle 1000, offline 8, reflect 30.")
    Integer connections;

    @Option(names = "--identities", description = "Simulated identities (default: what the scenario needs; idle: one "
            + "per connection, fewer makes several CSP devices per identity).")
    int identities;

    @Option(names = "--identities-file", description = "Keep created identities here and reuse them next time.")
    Path identitiesFile;

    @Option(names = "--source-addresses", defaultValue = "auto", description = "Source addresses to bind, round robin: "
            + "auto (127.0.0.2… beyond 20,000 connections to loopback), none, 127.0.0.1-127.0.0.8, or a list.")
    String sourceAddresses;

    @Option(names = "--event-loops", description = "Netty event loops for CSP (default: min(2, cores)).")
    Integer eventLoops;

    @Option(names = "--http-concurrency", defaultValue = "32", description = "Worker threads of the HTTP scenarios "
            + "(default: ${DEFAULT-VALUE}).")
    int httpConcurrency;

    @Option(names = "--message-size", defaultValue = "100", description = "Bytes of each message's box (default: ${DEFAULT-VALUE}).")
    int messageSize;

    @Option(names = "--devices", defaultValue = "3", description = "Devices per group, reflect (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--blob-size", defaultValue = "65536", description = "Bytes per blob (default: ${DEFAULT-VALUE}).")
    int blobSize;

    @Option(names = "--safe-size", defaultValue = "4096", description = "Bytes per Safe backup (default: ${DEFAULT-VALUE}).")
    int safeSize;

    @Option(names = "--keepalive", defaultValue = "120s", converter = DurationConverter.class,
            description = "Idle connections send an echo request this often (default: ${DEFAULT-VALUE}).")
    Duration keepalive;

    @Option(names = "--mix", description = "Proportions for mixed, e.g. messages=70,directory=20,blob=10.")
    String mix;

    @Option(names = "--no-dh-baseline", description = "logins: skip measuring this JVM's X25519 rate.")
    boolean noDhBaseline;

    // ---- deployment ----
    @Option(names = "--chat", defaultValue = "${env:PARLEY_CHAT:-127.0.0.1:5222}",
            description = "Chat server host:port (default: ${DEFAULT-VALUE}).")
    String chat;

    @Option(names = "--chat-key", defaultValue = "${env:PARLEY_CHAT_KEY}",
            description = "The chat server's public key, 64 hex characters.")
    String chatKey;

    @Option(names = "--directory", defaultValue = "${env:PARLEY_DIRECTORY:-http://127.0.0.1:8081/}",
            description = "Directory base URL (default: ${DEFAULT-VALUE}).")
    URI directory;

    @Option(names = "--admin", description = "The directory's internal API URL, e.g. http://127.0.0.1:9181/: "
            + "identities are created there (else by open registration).")
    URI admin;

    @Option(names = "--admin-secret-file", description = "File holding the internal API secret (else PARLEY_ADMIN_SECRET).")
    Path adminSecretFile;

    @Option(names = "--blob", defaultValue = "http://127.0.0.1:8082/", description = "Blob server base URL (default: ${DEFAULT-VALUE}).")
    URI blob;

    @Option(names = "--safe", defaultValue = "http://127.0.0.1:8083/", description = "Safe server base URL (default: ${DEFAULT-VALUE}).")
    URI safe;

    @Option(names = "--mediator", defaultValue = "ws://127.0.0.1:8085", description = "Mediator base URL (default: ${DEFAULT-VALUE}).")
    URI mediator;

    @Option(names = "--oppf", description = "The deployment's provisioning document (e.g. "
            + "http://host:8081/config.oppf): chat, directory, blob, Safe and mediator come from it; flags given "
            + "explicitly win. Its signature is not checked here (parley oppf verify does).")
    URI oppf;

    @Option(names = "--standalone-data", description = "A standalone node's data directory: the chat key and the "
            + "internal API secret come from its keys/, and --admin defaults to http://127.0.0.1:9181/.")
    Path standaloneData;

    // ---- output ----
    @Option(names = "--report-dir", description = "Where report.json, report.html and latency.png go "
            + "(default: ./parley-load-SCENARIO-TIMESTAMP).")
    Path reportDir;

    @Option(names = "--no-report", description = "Only the summary table, no files.")
    boolean noReport;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    @Option(names = "--max-error-ratio", defaultValue = "0", description = "Exit 1 when more than this share of "
            + "operations failed (default: ${DEFAULT-VALUE}).")
    double maxErrorRatio;

    @Override
    public Integer call() throws Exception {
        if (!Scenarios.NAMES.contains(scenario)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown scenario " + scenario
                    + "; one of " + Scenarios.NAMES);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadSettings settings = settings();
        Engine.Settings engine = engineSettings();
        Metrics metrics = new Metrics();
        Identities pool = new Identities(settings, err);
        RunResult result;
        try (Scenario run = Scenarios.create(scenario, settings, pool, out)) {
            err.printf("parley load %s: setting up%n", scenario);
            err.flush();
            run.setUp(metrics);
            err.printf("parley load %s: running (%s)%n", scenario, engine.model() == Engine.Model.OPEN
                    ? String.format(Locale.ROOT, "%,.0f/s", engine.rate()) : engine.concurrency() + " in flight");
            err.flush();
            result = new Engine(engine, err, System.console() != null).run(run, metrics);
        }
        if (System.console() != null && !noProgress) {
            err.println();
        }
        out.print(Reports.summary(result));
        if (!noReport) {
            Path dir = reportDir != null ? reportDir : Path.of("parley-load-" + scenario + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Reports.write(result, dir);
            out.println("reports: " + dir.resolve(Reports.JSON) + ", " + dir.resolve(Reports.HTML) + ", "
                    + dir.resolve(Reports.PNG));
        }
        out.flush();
        long errors = result.errors();
        long total = errors + result.operations();
        if (errors > 0 && (total == 0 || (double) errors / total > maxErrorRatio)) {
            err.printf("parley load: %d of %d operations failed%n", errors, total);
            return 1;
        }
        if (result.operations() == 0) {
            err.println("parley load: no operation completed");
            return 1;
        }
        return 0;
    }

    Engine.Settings engineSettings() {
        Engine.Model chosen = model != null ? Engine.Model.valueOf(model.toUpperCase(Locale.ROOT))
                : rate != null ? Engine.Model.OPEN : Engine.Model.CLOSED;
        int users = concurrency != null ? concurrency : scenario.equals("logins") ? 8 : 64;
        double r = rate != null ? rate : 1000;
        Duration drain = timeout.plusSeconds(1);
        return new Engine.Settings(chosen, r, users, rampUp, duration, thinkTime, maxInFlight, drain, !noProgress);
    }

    LoadSettings settings() throws IOException {
        LoadSettings s = new LoadSettings();
        int colon = chat.lastIndexOf(':');
        if (colon < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chat is host:port");
        }
        s.chat = new InetSocketAddress(chat.substring(0, colon), Integer.parseInt(chat.substring(colon + 1)));
        s.directory = slash(directory);
        s.blob = slash(blob);
        s.safe = slash(safe);
        s.mediator = mediator;
        s.admin = admin;
        if (oppf != null) {
            applyOppf(s);
        }
        String secret = System.getenv("PARLEY_ADMIN_SECRET");
        if (adminSecretFile != null) {
            secret = Files.readString(adminSecretFile).strip();
        }
        String key = chatKey;
        if (standaloneData != null) {
            Path keys = standaloneData.resolve("keys");
            if (key == null || key.isBlank()) {
                key = field(keys.resolve("chat-server.key"), "public");
            }
            if (secret == null) {
                secret = field(keys.resolve("internal-api.key"), "secret");
            }
            if (s.admin == null) {
                s.admin = URI.create("http://127.0.0.1:9181/");
            }
        }
        s.adminSecret = secret;
        if (key != null && !key.isBlank() && (s.chatKey == null || given("--chat-key"))) {
            if (key.length() != 64) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--chat-key is 64 hex characters");
            }
            s.chatKey = Hex.decode(key);
        }
        s.connections = connections != null ? connections : switch (scenario) {
            case "idle" -> 1000;
            case "offline" -> 8;
            case "reflect" -> 30;
            default -> 100;
        };
        s.identities = identities;
        s.identitiesFile = identitiesFile;
        s.sourceAddresses = CspLoadClient.sourceAddresses(sourceAddresses, s.chat, s.connections);
        if (eventLoops != null) {
            s.eventLoops = eventLoops;
        }
        s.httpConcurrency = httpConcurrency;
        s.timeout = timeout;
        s.messageSize = messageSize;
        s.devices = devices;
        s.blobSize = blobSize;
        s.safeSize = safeSize;
        s.keepalive = keepalive;
        s.mix = parseMix(mix);
        s.dhBaseline = !noDhBaseline;
        return s;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The OPPF's endpoints, except where a flag was given explicitly. */
    private void applyOppf(LoadSettings s) throws IOException {
        LoadSettings fromOppf = new LoadSettings();
        try {
            Oppf.apply(oppf, fromOppf);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("reading the OPPF");
        }
        if (!given("--chat")) {
            s.chat = fromOppf.chat;
        }
        if (!given("--chat-key") && fromOppf.chatKey != null) {
            s.chatKey = fromOppf.chatKey;
        }
        if (!given("--directory")) {
            s.directory = slash(fromOppf.directory);
        }
        if (!given("--blob")) {
            s.blobEndpoints = fromOppf.blobEndpoints;
        }
        if (!given("--safe")) {
            s.safe = slash(fromOppf.safe);
        }
        if (!given("--mediator")) {
            s.mediator = fromOppf.mediator;
        }
    }

    private static URI slash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }

    /** The value of {@code name: value} in a key file. */
    private static String field(Path file, String name) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s*(\\S+)").matcher(Files.readString(file));
        if (!m.find()) {
            throw new IOException("no " + name + " in " + file);
        }
        return m.group(1);
    }

    static Map<String, Integer> parseMix(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix is name=weight,…, e.g. messages=70,directory=20,blob=10");
            }
            out.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        return out;
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a plain number of seconds, or ISO-8601 ({@code PT30S}). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = SIMPLE.matcher(value.strip());
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                double millis = switch (unit) {
                    case "ms" -> n;
                    case "m" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    default -> n * 1000;
                };
                return Duration.ofMillis(Math.round(millis));
            }
            return Duration.parse(value);
        }
    }
}
