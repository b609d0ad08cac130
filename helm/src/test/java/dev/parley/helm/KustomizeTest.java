package dev.parley.helm;

import static dev.parley.helm.KubernetesManifestsTest.at;
import static dev.parley.helm.KubernetesManifestsTest.deployment;
import static dev.parley.helm.KubernetesManifestsTest.firstContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kustomize base says what the Helm chart says, and each overlay does what it promises. */
class KustomizeTest {

    /** Settings that mean the same in both, whatever the names and hosts of an installation. */
    private static final java.util.regex.Pattern SAME_VALUE = java.util.regex.Pattern.compile(
            "JAVA_TOOL_OPTIONS|SERVER_PORT|MANAGEMENT_SERVER_PORT|.*_PORT|.*KEYFILE|.*_BACKEND|.*DIRECTORY$|.*CHATPORTS");
    private static final List<String> SERVICES = List.of("directory-service", "media-service", "safe-service",
            "push-relay", "mediator-service", "chat-gateway");

    @Test
    @SuppressWarnings("unchecked")
    void theBaseRunsEachServiceAsTheHelmChartDoes() {
        List<Map<String, Object>> helm = Manifests.helm(null);
        List<Map<String, Object>> base = Manifests.kustomize("base");
        Map<String, Map<String, Object>> configMaps = base.stream().filter(d -> "ConfigMap".equals(d.get("kind")))
                .collect(Collectors.toMap(Manifests::name, d -> (Map<String, Object>) d.get("data")));
        for (String service : SERVICES) {
            Map<String, Object> chart = deployment(helm, "parley-" + service);
            Map<String, Object> ours = deployment(base, service);
            Map<String, Object> chartContainer = firstContainer(chart);
            Map<String, Object> ourContainer = firstContainer(ours);
            for (String field : List.of("securityContext", "livenessProbe", "readinessProbe", "startupProbe",
                    "resources", "ports")) {
                assertThat(ourContainer.get(field)).as(service + " " + field).isEqualTo(chartContainer.get(field));
            }
            assertThat(at(at(ours, "spec"), "template").get("spec")).as(service)
                    .extracting(pod -> ((Map<String, Object>) pod).get("securityContext"))
                    .isEqualTo(at(at(at(chart, "spec"), "template"), "spec").get("securityContext"));
            assertThat(mountPaths(ourContainer)).as(service).isEqualTo(mountPaths(chartContainer));

            Set<String> ourEnv = envNames(ourContainer);
            for (Map<String, Object> source : (List<Map<String, Object>>) ourContainer.getOrDefault("envFrom", List.of())) {
                ourEnv.addAll(configMaps.get((String) at(source, "configMapRef").get("name")).keySet());
            }
            // The base also reads an optional Redis password Secret, which the chart adds only on request.
            assertThat(ourEnv).as(service + " environment").containsAll(envNames(chartContainer));
            Map<String, Object> ourValues = envValues(ourContainer);
            for (Map<String, Object> source : (List<Map<String, Object>>) ourContainer.getOrDefault("envFrom", List.of())) {
                ourValues.putAll(configMaps.get((String) at(source, "configMapRef").get("name")));
            }
            envValues(chartContainer).forEach((variable, value) -> {
                // Hostnames differ by design (release-prefixed Service names, example domains).
                if (SAME_VALUE.matcher(variable).matches()) {
                    assertThat(ourValues.get(variable)).as(service + " " + variable).isEqualTo(value);
                }
            });
        }
        assertThat(base.stream().filter(d -> "Service".equals(d.get("kind"))).map(d -> at(d, "spec").get("ports")))
                .as("Service ports").containsExactlyInAnyOrderElementsOf(helm.stream()
                        .filter(d -> "Service".equals(d.get("kind"))).map(d -> at(d, "spec").get("ports")).toList());
    }

    @Test
    void devRunsOnePodOfEachWithSnapshotImagesInItsNamespace() {
        List<Map<String, Object>> dev = Manifests.kustomize("overlays/dev");
        assertThat(dev).allSatisfy(d -> assertThat(at(d, "metadata").get("namespace")).isEqualTo("parley-dev"));
        assertThat(dev).extracting(d -> d.get("kind")).doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget");
        for (String service : SERVICES) {
            Map<String, Object> deployment = deployment(dev, service);
            assertThat(at(deployment, "spec").getOrDefault("replicas", 1)).as(service).isEqualTo(1);
            assertThat(firstContainer(deployment).get("image"))
                    .isEqualTo("ghcr.io/parley/parley-" + service + ":0.1.0-SNAPSHOT");
        }
        assertThat(hosts(dev)).isNotEmpty().allMatch(host -> host.endsWith(".dev.example.org"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionScalesOutOverZonesWithBlobsInS3() {
        List<Map<String, Object>> production = Manifests.kustomize("overlays/production");
        assertThat(production).allSatisfy(d -> assertThat(at(d, "metadata").get("namespace")).isEqualTo("parley"));
        assertThat(production).extracting(d -> d.get("kind")).doesNotContain("PersistentVolumeClaim").contains("ServiceMonitor");
        List<Map<String, Object>> autoscalers = ofKind(production, "HorizontalPodAutoscaler");
        assertThat(autoscalers).extracting(Manifests::name)
                .containsExactlyInAnyOrder("directory-service", "media-service", "safe-service", "push-relay");
        assertThat(autoscalers).allSatisfy(h -> assertThat((Integer) at(h, "spec").get("minReplicas")).isGreaterThanOrEqualTo(3));
        assertThat(ofKind(production, "PodDisruptionBudget")).hasSize(6)
                .allSatisfy(p -> assertThat((Integer) at(p, "spec").get("minAvailable")).isGreaterThanOrEqualTo(2));
        assertThat(at(deployment(production, "mediator-service"), "spec").get("replicas")).isEqualTo(3);
        assertThat(at(deployment(production, "chat-gateway"), "spec").get("replicas")).isEqualTo(4);

        Map<String, Object> media = deployment(production, "media-service");
        Map<String, Object> env = ((List<Map<String, Object>>) firstContainer(media).get("env")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e.getOrDefault("value", e.get("valueFrom"))));
        assertThat(env).containsEntry("PARLEY_MEDIA_STORAGE_BACKEND", "s3")
                .containsKeys("PARLEY_MEDIA_STORAGE_S3_ENDPOINT", "PARLEY_MEDIA_STORAGE_S3_ACCESSKEY")
                .doesNotContainKey("PARLEY_MEDIA_STORAGE_FILESYSTEM_DIRECTORY");
        assertThat(String.valueOf(at(at(media, "spec"), "template"))).doesNotContain("media-blobs");

        for (String service : SERVICES) {
            List<Map<String, Object>> spread = (List<Map<String, Object>>) at(at(at(deployment(production, service), "spec"), "template"), "spec")
                    .get("topologySpreadConstraints");
            assertThat(spread).as(service)
                    .anySatisfy(c -> assertThat(c).containsEntry("topologyKey", "topology.kubernetes.io/zone")
                            .containsEntry("whenUnsatisfiable", "DoNotSchedule"));
        }
        assertThat(ofKind(production, "Ingress").stream()
                .flatMap(i -> ((List<Map<String, Object>>) at(i, "spec").get("tls")).stream())
                .flatMap(t -> ((List<String>) t.get("hosts")).stream())).containsAll(hosts(production));
    }

    @Test
    void kubectlBuildsTheSameWhereItIsInstalled() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not installed");
        for (String directory : List.of("base", "overlays/dev", "overlays/production")) {
            Process process = new ProcessBuilder("kubectl", "kustomize", Manifests.K8S.resolve(directory).toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(canonical(Manifests.kustomize(directory))).as(directory)
                    .isEqualTo(canonical(Manifests.parseYaml(output)));
        }
    }

    @Test
    void fieldsTheRendererDoesNotImplementAreRefused(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"),
                "resources: [" + Manifests.K8S.resolve("base").toAbsolutePath() + "]\ncommonLabels: {team: chat}\n");
        assertThatThrownBy(() -> Kustomize.build(directory)).hasMessageContaining("commonLabels");
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Objects by kind and name, with lists of named items in name order (kubectl orders them its own way). */
    private static Map<String, Object> canonical(List<Map<String, Object>> documents) {
        Map<String, Object> result = new TreeMap<>();
        documents.forEach(d -> result.put(d.get("kind") + "/" + Manifests.name(d), sorted(d)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put((String) k, sorted(v)));
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> items = list.stream().map(KustomizeTest::sorted).collect(Collectors.toList());
            if (items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String)) {
                items.sort(Comparator.comparing(i -> (String) ((Map<String, Object>) i).get("name")));
            }
            return items;
        }
        return node;
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> hosts(List<Map<String, Object>> documents) {
        return ofKind(documents, "Ingress").stream()
                .flatMap(i -> ((List<Map<String, Object>>) at(i, "spec").get("rules")).stream())
                .map(r -> (String) r.get("host")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> envNames(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.getOrDefault("env", List.of())).stream()
                .map(e -> (String) e.get("name")).collect(Collectors.toCollection(HashSet::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envValues(Map<String, Object> container) {
        Map<String, Object> values = new java.util.HashMap<>();
        ((List<Map<String, Object>>) container.getOrDefault("env", List.of())).stream()
                .filter(e -> e.containsKey("value")).forEach(e -> values.put((String) e.get("name"), e.get("value")));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> mountPaths(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of())).stream()
                .map(m -> (String) m.get("mountPath")).collect(Collectors.toSet());
    }
}
