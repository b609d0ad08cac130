package dev.parley.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboard and the alert rules parse, every rule is complete, and every Parley metric they
 * query is one that a service really registers (names in Prometheus form, from the sources).
 */
class ObservabilityTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern QUERIED = Pattern.compile("parley_[a-z_]+");
    private static final Pattern REGISTERED = Pattern.compile(
            "(?:Counter|Gauge|Timer)\\.builder\\(\"(parley\\.[a-z.\\-]+)\"|counter\\(\"(parley\\.[a-z.\\-]+)\"");

    @SuppressWarnings("unchecked")
    @Test
    void alertRulesAreComplete() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertThat(groups).isNotEmpty();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as(String.valueOf(rule.get("alert"))).containsKeys("alert", "expr", "for", "labels", "annotations");
                assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
                assertThat((Map<String, Object>) rule.get("annotations")).containsKeys("summary", "description");
            }
        }
    }

    @Test
    void everyQueriedParleyMetricIsRegisteredBySomeService() throws IOException {
        Set<String> registered = registeredMetrics();
        assertThat(registered).contains("parley_chat_connections", "parley_pushrelay_pushes_total");
        String dashboard = Files.readString(ROOT.resolve("deploy/grafana/parley-dashboard.json"));
        // JSON is YAML: the dashboard parses and has its panels.
        Map<String, Object> parsed = new Yaml().load(dashboard);
        assertThat((List<?>) parsed.get("panels")).hasSizeGreaterThan(10);
        String alerts = Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml"));
        for (String text : List.of(dashboard, alerts)) {
            Matcher m = QUERIED.matcher(text);
            while (m.find()) {
                assertThat(registered).as("metric %s", m.group()).contains(m.group());
            }
        }
    }

    /** Micrometer names as Prometheus shows them: dots and dashes to underscores, counters with _total. */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
                Matcher m = REGISTERED.matcher(Files.readString(file));
                while (m.find()) {
                    boolean gauge = m.group(0).startsWith("Gauge");
                    String name = (m.group(1) != null ? m.group(1) : m.group(2)).replace('.', '_').replace('-', '_');
                    names.add(gauge ? name : name + "_total");
                }
            }
        }
        return names;
    }
}
