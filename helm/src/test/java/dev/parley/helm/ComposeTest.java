package dev.parley.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose deployment (deploy/compose) as an operator reads it before `docker compose up`:
 * every service there and health-checked, the proxy sending each public hostname (and the chat
 * port) to the right service's public port and never to an internal one, secrets only from .env.
 */
class ComposeTest {

    private static final Path COMPOSE = Manifests.DEPLOY.resolve("compose");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:\\?[^}]*)?}");
    /** Public and internal ports of each Parley service, as in the services' READMEs. */
    private static final Map<String, List<Integer>> PORTS = Map.of(
            "directory-service", List.of(8081, 9081),
            "media-service", List.of(8082, 9082),
            "safe-service", List.of(8083, 9083),
            "push-relay", List.of(8084, 9084),
            "mediator-service", List.of(8085, 9085),
            "chat-gateway", List.of(8086, 9086));

    private static Map<String, Map<String, Object>> services;
    private static String nginx;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        nginx = Files.readString(COMPOSE.resolve("nginx.conf"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsThereHealthCheckedAndLockedDown() {
        assertThat(services).containsKeys("postgres", "redis", "proxy").containsKeys(PORTS.keySet().toArray(String[]::new));
        for (var service : services.entrySet()) {
            if ("no".equals(service.getValue().get("restart"))) {
                continue; // one-shot set-up containers have nothing to check
            }
            Map<String, Object> healthcheck = (Map<String, Object>) service.getValue().get("healthcheck");
            assertThat(healthcheck).as(service.getKey() + " healthcheck").isNotNull();
            assertThat((List<String>) healthcheck.get("test")).as(service.getKey()).isNotEmpty();
        }
        for (var entry : PORTS.entrySet()) {
            Map<String, Object> service = services.get(entry.getKey());
            Map<String, Object> env = environment(service);
            assertThat(env).as(entry.getKey()).containsEntry("SERVER_PORT", String.valueOf(entry.getValue().get(0)))
                    .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(entry.getValue().get(1)));
            String check = String.join(" ", (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test"));
            assertThat(check).as(entry.getKey() + " checks readiness on its internal port")
                    .contains("localhost/" + entry.getValue().get(1), "/actuator/health/readiness");
            assertThat((String) service.get("image")).as(entry.getKey()).contains("/parley-" + entry.getKey() + ":");
            assertThat(service).as(entry.getKey()).containsEntry("read_only", true).containsEntry("user", "10001:10001");
            assertThat((List<String>) service.get("tmpfs")).as(entry.getKey()).contains("/tmp");
            assertThat(service).as(entry.getKey() + " publishes no port of its own").doesNotContainKey("ports");
        }
    }

    @Test
    void theProxyRoutesEachPublicHostnameToItsServicesPublicPort() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("directory.example.org", "directory-service:8081");
        expected.put("blob.example.org", "media-service:8082");
        expected.put("blobp-00.example.org", "media-service:8082");
        expected.put("blobp-a7.example.org", "media-service:8082");
        expected.put("blobp-ff.example.org", "media-service:8082");
        expected.put("safe.example.org", "safe-service:8083");
        expected.put("push.example.org", "push-relay:8084");
        expected.put("mediator.example.org", "mediator-service:8085");
        expected.put("rendezvous.example.org", "mediator-service:8085");
        expected.forEach((host, backend) -> assertThat(route(host)).as(host).contains(backend));
        assertThat(route("blobp-zz.example.org")).as("not a blob prefix").isEmpty();
        assertThat(route("chat.example.org")).as("chat is TCP, not HTTP").isEmpty();

        Matcher stream = Pattern.compile("stream \\{.*listen 5222;.*}", Pattern.DOTALL).matcher(nginx);
        assertThat(stream.find()).as("the proxy passes TCP 5222 on").isTrue();
        assertThat(stream.group()).contains("chat-gateway:5222");
        assertThat(services.get("proxy").get("ports")).asList().contains("443:443", "5222:5222");
        for (List<Integer> ports : PORTS.values()) {
            assertThat(nginx).as("internal port " + ports.get(1)).doesNotContain(":" + ports.get(1));
        }
        assertThat(nginx).doesNotContain(":9181");
    }

    @Test
    void theProvisioningDocumentNamesHostsTheProxyServes() {
        Map<String, Object> env = environment(services.get("directory-service"));
        Map<String, String> expected = Map.of(
                "PARLEY_DIRECTORY_OPPF_DIRECTORYURL", "directory-service",
                "PARLEY_DIRECTORY_OPPF_BLOBUPLOADURL", "media-service",
                "PARLEY_DIRECTORY_OPPF_BLOBDOWNLOADURL", "media-service",
                "PARLEY_DIRECTORY_OPPF_BLOBDONEURL", "media-service",
                "PARLEY_DIRECTORY_OPPF_AVATARURL", "media-service",
                "PARLEY_DIRECTORY_OPPF_SAFEURL", "safe-service",
                "PARLEY_DIRECTORY_OPPF_MEDIATORURL", "mediator-service",
                "PARLEY_DIRECTORY_OPPF_RENDEZVOUSURL", "mediator-service");
        expected.forEach((variable, service) -> {
            String url = ((String) env.get(variable)).replaceAll("\\$\\{PARLEY_DOMAIN[^}]*}", "example.org")
                    .replace("{blobIdPrefix}", "3f").replace("{blobId}", "3f00").replaceAll("\\{[A-Za-z0-9]+}", "ab");
            URI uri = URI.create(url);
            assertThat(uri.getScheme()).as(variable).isIn("https", "wss");
            assertThat(route(uri.getHost())).as(variable + " " + uri.getHost()).hasValueSatisfying(b -> assertThat(b).startsWith(service + ":"));
        });
        assertThat((String) env.get("PARLEY_DIRECTORY_OPPF_CHATHOSTNAME")).startsWith("chat.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsComeOnlyFromTheEnvironmentFile() throws IOException {
        Set<String> required = new HashSet<>();
        for (var service : services.entrySet()) {
            for (var variable : environment(service.getValue()).entrySet()) {
                String value = String.valueOf(variable.getValue());
                if (ManifestRules.SECRET_NAME.matcher(variable.getKey()).find() || variable.getKey().endsWith("_AUTH")) {
                    assertThat(value).as(service.getKey() + " " + variable.getKey() + " is a reference, not a value")
                            .matches(REFERENCE.pattern());
                }
            }
        }
        String compose = Files.readString(COMPOSE.resolve("docker-compose.yml"));
        assertThat(compose).as("no key or password material inline").doesNotContainPattern("[0-9a-fA-F]{32,}")
                .doesNotContain("PRIVATE KEY", "secret:");
        Matcher references = REFERENCE.matcher(compose);
        while (references.find()) {
            if (references.group(2) != null) {
                required.add(references.group(1));
            }
        }
        String example = Files.readString(COMPOSE.resolve(".env.example"));
        Map<String, String> defined = new LinkedHashMap<>();
        example.lines().filter(l -> l.matches("[A-Z0-9_]+=.*")).forEach(l -> defined.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        assertThat(defined).as(".env.example names every required variable").containsKeys(required.toArray(String[]::new));
        defined.forEach((name, value) -> {
            if (ManifestRules.SECRET_NAME.matcher(name).find()) {
                assertThat(value).as(name + " ships empty in .env.example").isEmpty();
            }
        });
        assertThat(Files.readString(COMPOSE.resolve(".gitignore")).lines()).contains(".env", "keys/", "certs/");
        Map<String, Object> secrets = (Map<String, Object>) new Yaml().<Map<String, Object>>load(compose).get("secrets");
        assertThat(secrets).as("key files are compose secrets").containsKeys("oppf-signing.key", "chat-server.key");
    }

    /** The backend nginx picks for a Host header: the first regex of the map that matches, as nginx does. */
    private static Optional<String> route(String host) {
        Matcher block = Pattern.compile("map \\$host \\$parley_backend \\{(.*?)}\\s*\n", Pattern.DOTALL).matcher(nginx);
        assertThat(block.find()).as("the host map").isTrue();
        List<String[]> entries = new ArrayList<>();
        Matcher entry = Pattern.compile("^\\s*\"?~([^\"\\s]+)\"?\\s+(\\S+);", Pattern.MULTILINE).matcher(block.group(1));
        while (entry.find()) {
            entries.add(new String[] {entry.group(1), entry.group(2)});
        }
        assertThat(entries).isNotEmpty();
        return entries.stream().filter(e -> Pattern.compile(e[0]).matcher(host).find()).map(e -> e[1]).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }
}
