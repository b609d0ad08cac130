package dev.parley.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way to deploy Parley on Kubernetes (the Helm chart with its default and HA values, the
 * Kustomize base and overlays) yields objects the Kubernetes API accepts, field by field, and that
 * keep {@link ManifestRules}.
 */
class KubernetesManifestsTest {

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("helm, default values", (Supplier<List<Map<String, Object>>>) () -> Manifests.helm(null)),
                Arguments.of("helm, values-ha.yaml", (Supplier<List<Map<String, Object>>>) () -> Manifests.helm(Manifests.HA_VALUES)),
                Arguments.of("kustomize base", (Supplier<List<Map<String, Object>>>) () -> Manifests.kustomize("base")),
                Arguments.of("kustomize dev", (Supplier<List<Map<String, Object>>>) () -> Manifests.kustomize("overlays/dev")),
                Arguments.of("kustomize production",
                        (Supplier<List<Map<String, Object>>>) () -> Manifests.kustomize("overlays/production")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyObjectIsValidForTheApiAndKeepsTheRules(String source, Supplier<List<Map<String, Object>>> manifests) {
        List<HasMetadata> objects = StrictKubernetes.parseAll(manifests.get());
        assertThat(objects).as(source).isNotEmpty();
        assertThat(ManifestRules.violations(objects)).as(source).isEmpty();
    }

    @Test
    void aFieldInTheWrongPlaceOrOfTheWrongTypeIsRefused() {
        Map<String, Object> deployment = deployment(Manifests.kustomize("base"), "chat-gateway");
        Map<String, Object> container = firstContainer(deployment);
        container.put("readOnlyRootFilesystem", true);
        assertThatThrownBy(() -> StrictKubernetes.parse(deployment))
                .hasMessageContaining("chat-gateway").hasMessageContaining("readOnlyRootFilesystem");

        Map<String, Object> wrongType = deployment(Manifests.kustomize("base"), "chat-gateway");
        at(wrongType, "spec").put("replicas", "two");
        assertThatThrownBy(() -> StrictKubernetes.parse(wrongType)).hasMessageContaining("replicas");

        assertThatThrownBy(() -> StrictKubernetes.parse(Map.of("apiVersion", "extensions/v1beta1", "kind", "Ingress")))
                .hasMessageContaining("no schema");
    }

    @Test
    void theRulesCatchWhatAnOperatorWouldRefuse() {
        List<Map<String, Object>> documents = Manifests.kustomize("base");
        Map<String, Object> chat = deployment(documents, "chat-gateway");
        at(firstContainer(chat), "securityContext").put("readOnlyRootFilesystem", false);
        Map<String, Object> safe = deployment(documents, "safe-service");
        firstContainer(safe).remove("readinessProbe");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) firstContainer(safe).get("env");
        env.add(Map.of("name", "PARLEY_SAFE_TEST_PASSWORD", "value", "hunter2"));
        documents.removeIf(d -> "NetworkPolicy".equals(d.get("kind")) && "push-relay".equals(Manifests.name(d)));
        documents.add(Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "inline"),
                "stringData", Map.of("password", "x")));
        documents.add(Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                "metadata", Map.of("name", "actuator"),
                "spec", Map.of("rules", List.of(Map.of("host", "a.example.org", "http", Map.of("paths", List.of(
                        Map.of("path", "/", "pathType", "Prefix", "backend", Map.of("service",
                                Map.of("name", "directory-service", "port", Map.of("number", 9181)))))))))));

        List<String> violations = ManifestRules.violations(StrictKubernetes.parseAll(documents));

        assertThat(violations).anyMatch(v -> v.contains("chat-gateway") && v.contains("root filesystem is writable"))
                .anyMatch(v -> v.contains("safe-service readiness: no HTTP probe"))
                .anyMatch(v -> v.contains("PARLEY_SAFE_TEST_PASSWORD is not taken from a Secret"))
                .anyMatch(v -> v.contains("push-relay: no NetworkPolicy"))
                .anyMatch(v -> v.contains("Secret inline"))
                .anyMatch(v -> v.contains("routes to a non-public port 9181"));
    }

    static Map<String, Object> deployment(List<Map<String, Object>> documents, String name) {
        return documents.stream().filter(d -> "Deployment".equals(d.get("kind")) && name.equals(Manifests.name(d)))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstContainer(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) at(at(at(deployment, "spec"), "template"), "spec")
                .get("containers");
        return containers.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.get(key);
    }
}
