package dev.parley.helm;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The manifests of each way to deploy, as plain YAML documents. */
final class Manifests {

    static final Path CHART = Path.of("parley");
    static final Path HA_VALUES = CHART.resolve("values-ha.yaml");
    static final Path DEPLOY = Path.of("..", "deploy");
    static final Path K8S = DEPLOY.resolve("k8s");

    private Manifests() {
    }

    static List<Map<String, Object>> helm(Path valuesFile) {
        var template = new Helm(CHART).template().withName("parley");
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        return parseYaml(template.call());
    }

    static List<Map<String, Object>> kustomize(String directory) {
        return Kustomize.build(K8S.resolve(directory));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseYaml(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> read(Path file) {
        try {
            return parseYaml(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> document) {
        Object metadata = document.get("metadata");
        return metadata instanceof Map<?, ?> map ? String.valueOf(((Map<String, Object>) map).get("name")) : "?";
    }
}
