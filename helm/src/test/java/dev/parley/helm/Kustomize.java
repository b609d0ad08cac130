package dev.parley.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds a kustomization the way {@code kubectl kustomize} does, for what deploy/k8s uses, so the
 * build can check the overlays on machines without kubectl. Anything it does not implement is an
 * error rather than being skipped: a field it silently ignored would leave the checks looking at
 * manifests nobody deploys. {@code KustomizeTest} compares it with kubectl where kubectl exists.
 *
 * <p>Supported: {@code resources} (files and directories), {@code namespace}, {@code images}
 * (newName, newTag), {@code replicas}, and {@code patches} from a file or inline, with an optional
 * {@code target} (kind and name): strategic merge patches ({@code null} removes a field,
 * {@code $patch: delete} removes an object or a list item) and JSON patches (add, replace,
 * remove). Strategic merge merges lists by the keys Kubernetes declares for them (containers,
 * env, volumes by name; volume mounts by mount path; ports by port number) and replaces others.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "replicas", "patches");
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "imagePullSecrets", "name",
            "volumeMounts", "mountPath");

    private Kustomize() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = (Map<String, Object>) new Yaml().load(text(directory.resolve("kustomization.yaml")));
        for (String field : kustomization.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field not supported here: " + field);
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String entry : (List<String>) kustomization.getOrDefault("resources", List.of())) {
            Path path = directory.resolve(entry).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : Manifests.read(path));
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            applyPatch(directory, resources, patch);
        }
        String namespace = (String) kustomization.get("namespace");
        if (namespace != null) {
            resources.forEach(resource -> metadata(resource).put("namespace", namespace));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of())) {
            setImage(resources, image);
        }
        for (Map<String, Object> replicas : (List<Map<String, Object>>) kustomization.getOrDefault("replicas", List.of())) {
            Map<String, Object> deployment = resources.stream()
                    .filter(r -> "Deployment".equals(r.get("kind")) && replicas.get("name").equals(Manifests.name(r)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("replicas: no Deployment " + replicas.get("name")));
            ((Map<String, Object>) deployment.get("spec")).put("replicas", replicas.get("count"));
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    private static void applyPatch(Path directory, List<Map<String, Object>> resources, Map<String, Object> entry) {
        List<Object> patches = new ArrayList<>();
        if (entry.containsKey("path")) {
            new Yaml().loadAll(text(directory.resolve((String) entry.get("path")))).forEach(patches::add);
        } else {
            patches.add(new Yaml().load((String) entry.get("patch")));
        }
        Map<String, Object> target = (Map<String, Object>) entry.get("target");
        for (Object patch : patches) {
            if (patch instanceof List<?> operations) {
                if (target == null) {
                    throw new IllegalArgumentException("a JSON patch needs a target");
                }
                for (Map<String, Object> resource : matching(resources, target)) {
                    ((List<Map<String, Object>>) operations).forEach(op -> JsonPatch.apply(resource, op));
                }
                continue;
            }
            Map<String, Object> strategic = (Map<String, Object>) patch;
            Map<String, Object> selector = target != null ? target
                    : Map.of("kind", strategic.get("kind"), "name", Manifests.name(strategic));
            List<Map<String, Object>> targets = matching(resources, selector);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("patch matches nothing: " + selector);
            }
            if ("delete".equals(strategic.get("$patch"))) {
                resources.removeAll(targets);
                continue;
            }
            Map<String, Object> body = copy(strategic);
            // The patch's own name only selects; with a target it would rename every object.
            body.remove("apiVersion");
            body.remove("kind");
            if (body.get("metadata") instanceof Map<?, ?> metadata) {
                metadata.remove("name");
            }
            targets.forEach(resource -> merge(resource, body));
        }
    }

    private static List<Map<String, Object>> matching(List<Map<String, Object>> resources, Map<String, Object> selector) {
        for (String key : selector.keySet()) {
            if (!Set.of("kind", "name").contains(key)) {
                throw new IllegalArgumentException("patch target field not supported here: " + key);
            }
        }
        return resources.stream()
                .filter(r -> selector.get("kind") == null || selector.get("kind").equals(r.get("kind")))
                .filter(r -> selector.get("name") == null || selector.get("name").equals(Manifests.name(r)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> base, Map<String, Object> patch) {
        for (Map.Entry<String, Object> field : patch.entrySet()) {
            String key = field.getKey();
            Object value = field.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patch directive not supported here: " + key);
            }
            Object current = base.get(key);
            if (value == null) {
                base.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap);
            } else if (current instanceof List<?> currentList && value instanceof List<?> valueList) {
                base.put(key, mergeList(key, (List<Object>) currentList, (List<Object>) valueList));
            } else {
                base.put(key, copy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(String field, List<Object> base, List<Object> patch) {
        String key = mergeKey(field, patch);
        if (key == null) {
            return copy(patch);
        }
        List<Object> result = new ArrayList<>(base);
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            Object id = patchItem.get(key);
            int index = -1;
            for (int i = 0; i < result.size(); i++) {
                if (id != null && id.equals(((Map<String, Object>) result.get(i)).get(key))) {
                    index = i;
                }
            }
            if ("delete".equals(patchItem.get("$patch"))) {
                if (index < 0) {
                    throw new IllegalArgumentException(field + ": nothing to delete with " + key + "=" + id);
                }
                result.remove(index);
            } else if (index >= 0) {
                Map<String, Object> merged = copy((Map<String, Object>) result.get(index));
                merge(merged, patchItem);
                result.set(index, merged);
            } else {
                result.add(copy(patchItem));
            }
        }
        return result;
    }

    private static String mergeKey(String field, List<Object> items) {
        if ("ports".equals(field)) {
            // Container ports merge by containerPort, Service ports by port.
            return items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("containerPort"))
                    ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    @SuppressWarnings("unchecked")
    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image) {
        for (Map<String, Object> resource : resources) {
            if (!"Deployment".equals(resource.get("kind"))) {
                continue;
            }
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) resource
                    .get("spec")).get("template")).get("spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
                String reference = (String) container.get("image");
                int colon = reference.lastIndexOf(':');
                boolean tagged = colon > reference.lastIndexOf('/');
                String name = tagged ? reference.substring(0, colon) : reference;
                String tag = tagged ? reference.substring(colon + 1) : null;
                if (!name.equals(image.get("name"))) {
                    continue;
                }
                name = (String) image.getOrDefault("newName", name);
                tag = (String) image.getOrDefault("newTag", tag);
                container.put("image", tag == null ? name : name + ":" + tag);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put((String) k, copy(v)));
            return (T) result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(copy(v)));
            return (T) result;
        }
        return value;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
