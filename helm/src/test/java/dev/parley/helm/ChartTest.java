package dev.parley.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart as operators meet it: it lints, renders with the default and the HA values, and what
 * it renders keeps the promises of the README (non-root, read-only root filesystem, limits, probes,
 * secrets only by reference, every Service backed by a Deployment).
 */
class ChartTest {

    private static final Path CHART = Path.of("parley");
    private static final Path HA = CHART.resolve("values-ha.yaml");
    private static final Set<String> SERVICES = Set.of("directory-service", "media-service", "safe-service",
            "push-relay", "mediator-service", "chat-gateway");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> render(Path valuesFile, Map<String, Object> sets) {
        var template = new Helm(CHART).template().withName("parley");
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (var set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        String manifests = template.call();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifests)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @Test
    void lintsClean() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void everyServiceRunsNonRootReadOnlyWithLimitsAndProbes() {
        for (Path values : new Path[] {null, HA}) {
            List<Map<String, Object>> documents = render(values, Map.of());
            List<Map<String, Object>> deployments = ofKind(documents, "Deployment");
            assertThat(deployments).extracting(d -> ((String) at(d, "metadata", "name")).replace("parley-", ""))
                    .containsExactlyInAnyOrderElementsOf(SERVICES);
            for (Map<String, Object> deployment : deployments) {
                String name = at(deployment, "metadata", "name");
                Map<String, Object> pod = at(deployment, "spec", "template", "spec");
                assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).as(name).isTrue();
                assertThat((Boolean) pod.get("automountServiceAccountToken")).as(name).isFalse();
                List<Map<String, Object>> containers = at(pod, "containers");
                for (Map<String, Object> container : containers) {
                    assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).as(name).isTrue();
                    assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).as(name).isFalse();
                    assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).as(name).contains("ALL");
                    assertThat((Object) at(container, "resources", "limits", "memory")).as(name).isNotNull();
                    assertThat((String) at(container, "livenessProbe", "httpGet", "path")).as(name)
                            .isEqualTo("/actuator/health/liveness");
                    assertThat((String) at(container, "readinessProbe", "httpGet", "path")).as(name)
                            .isEqualTo("/actuator/health/readiness");
                }
            }
        }
    }

    @Test
    void secretsArriveOnlyByReference() {
        List<Map<String, Object>> documents = render(null, Map.of());
        assertThat(ofKind(documents, "Secret")).as("the chart never writes a Secret").isEmpty();
        assertThat(ofKind(documents, "ConfigMap")).allSatisfy(configMap ->
                assertThat(String.valueOf(configMap.get("data")).toLowerCase()).doesNotContain("secret", "password"));
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
            for (Map<String, Object> container : containers) {
                List<Map<String, Object>> env = at(container, "env");
                for (Map<String, Object> variable : env) {
                    String name = (String) variable.get("name");
                    if (name.contains("SECRET") || name.contains("PASSWORD") || name.endsWith("ACCESSKEY")) {
                        assertThat(variable).as(name).containsKey("valueFrom").doesNotContainKey("value");
                    }
                }
            }
        }
    }

    @Test
    void everyServiceSelectsPodsOfADeploymentAndChatHasItsTcpPort() {
        List<Map<String, Object>> documents = render(null, Map.of());
        Set<Map<String, Object>> podLabels = ofKind(documents, "Deployment").stream()
                .map(d -> (Map<String, Object>) at(d, "spec", "template", "metadata", "labels")).collect(Collectors.toSet());
        for (Map<String, Object> service : ofKind(documents, "Service")) {
            Map<String, Object> selector = at(service, "spec", "selector");
            assertThat(podLabels).as((String) at(service, "metadata", "name"))
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
        }
        Map<String, Object> csp = ofKind(documents, "Service").stream()
                .filter(s -> "parley-chat-csp".equals(at(s, "metadata", "name"))).findFirst().orElseThrow();
        assertThat((String) at(csp, "spec", "type")).isEqualTo("LoadBalancer");
        assertThat(String.valueOf((Object) at(csp, "spec", "ports"))).contains("port=5222", "port=443");
    }

    @Test
    void theHaValuesScaleOutAndMonitor() {
        List<Map<String, Object>> documents = render(HA, Map.of());
        assertThat(ofKind(documents, "ServiceMonitor")).hasSize(1);
        assertThat(ofKind(documents, "HorizontalPodAutoscaler"))
                .allSatisfy(hpa -> assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(3));
        assertThat(ofKind(documents, "PodDisruptionBudget")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(ofKind(documents, "PersistentVolumeClaim")).as("S3 media needs no volume").isEmpty();
        assertThat((List<?>) at(ofKind(documents, "Ingress").get(0), "spec", "tls")).isNotEmpty();
        assertThat(ofKind(documents, "NetworkPolicy")).hasSize(6);
    }

    @Test
    void theSchemaRejectsWrongTypes() {
        assertThatThrownBy(() -> render(null, Map.of("services.chat.replicas", "three")))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(null, Map.of("chat.service.type", "Public")))
                .hasMessageContaining("type");
        assertThatThrownBy(() -> render(null, Map.of("redis.port", 70000))).hasMessageContaining("port");
        assertThatThrownBy(() -> render(null, Map.of("postgresql.url", "postgres://db/parley"))).hasMessageContaining("url");
    }
}
