package dev.parley.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The images that {@code ./mvnw -Pimages package} builds (and deploy/images/Dockerfile) are the
 * ones the Helm chart, the Kustomize base and compose pull, and they run as the chart expects:
 * same uid, same JVM options, a Java 25 runtime underneath, every service's ports.
 */
class ImagesTest {

    private static final Path ROOT = Path.of("..");
    private static Document pom;
    private static Map<String, Object> values;
    private static Map<String, Object> chart;

    @BeforeAll
    static void read() throws Exception {
        pom = xml(ROOT.resolve("pom.xml"));
        values = new Yaml().load(Files.readString(Manifests.CHART.resolve("values.yaml")));
        chart = new Yaml().load(Files.readString(Manifests.CHART.resolve("Chart.yaml")));
    }

    @Test
    void theImagesProfileIsOffByDefaultAndBuildsOciTarballsOnTemurin25() throws Exception {
        assertThat(text(pom, "/project/profiles/profile[id='images']/id")).isEqualTo("images");
        assertThat(count(pom, "/project/profiles/profile[id='images']/activation")).as("not active by default").isZero();
        String jib = "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']";
        assertThat(text(pom, jib + "/executions/execution/goals/goal")).isEqualTo("buildTar");
        assertThat(text(pom, jib + "/executions/execution/phase")).isEqualTo("package");
        assertThat(text(pom, jib + "/configuration/from/image")).isEqualTo("${parley.image.base}");
        assertThat(text(pom, "/project/properties/parley.image.base")).isEqualTo("eclipse-temurin:25-jre");
        assertThat(text(pom, jib + "/configuration/container/format")).isEqualTo("OCI");
        assertThat(text(pom, jib + "/configuration/to/image"))
                .isEqualTo("${parley.image.registry}/parley-${project.artifactId}:${parley.image.tag}");

        Map<String, Object> podSecurity = at(values, "podSecurityContext");
        assertThat(text(pom, jib + "/configuration/container/user"))
                .isEqualTo(podSecurity.get("runAsUser") + ":" + podSecurity.get("runAsGroup"));
        assertThat(text(pom, jib + "/configuration/container/environment/JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage").isEqualTo(values.get("javaToolOptions"));
        assertThat(text(pom, "/project/properties/parley.image.skip")).as("only services build images").isEqualTo("true");
    }

    @Test
    void eachServiceBuildsAnImageWithItsMainClassAndPorts() throws Exception {
        Map<String, Map<String, Object>> services = at(values, "services");
        Map<String, Set<Integer>> chartPorts = new HashMap<>();
        services.forEach((key, service) -> {
            Set<Integer> ports = new TreeSet<>(List.of((Integer) service.get("publicPort"), (Integer) service.get("internalPort")));
            if (service.containsKey("cspPort")) {
                ports.add((Integer) service.get("cspPort"));
            }
            chartPorts.put(key, ports);
        });
        chartPorts.get("directory").add(9181);

        Map<String, Set<Integer>> imagePorts = new HashMap<>();
        for (String module : modules()) {
            Document modulePom = xml(ROOT.resolve(module).resolve("pom.xml"));
            if (!"false".equals(text(modulePom, "/project/properties/parley.image.skip"))) {
                continue;
            }
            String mainClass = text(modulePom, "/project/properties/parley.image.main-class");
            assertThat(ROOT.resolve(module).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java"))
                    .as(module + " main class").exists();
            imagePorts.put(module, Arrays.stream(text(modulePom, "/project/properties/jib.container.ports").split(","))
                    .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(imagePorts.keySet()).containsExactlyInAnyOrder("directory-service", "media-service", "safe-service",
                "push-relay", "mediator-service", "chat-gateway");
        Map<String, String> chartNames = Map.of("directory", "directory-service", "media", "media-service",
                "safe", "safe-service", "pushRelay", "push-relay", "mediator", "mediator-service", "chat", "chat-gateway");
        chartPorts.forEach((key, ports) -> assertThat(imagePorts.get(chartNames.get(key))).as(key).isEqualTo(ports));
    }

    @Test
    void theChartKustomizeAndComposePullTheImagesTheBuildNames() throws Exception {
        String registry = text(pom, "/project/properties/parley.image.registry");
        assertThat(ImagesTest.<Map<String, Object>>at(values, "global")).containsEntry("imageRegistry", registry);
        String version = text(pom, "/project/version");
        assertThat(chart.get("appVersion")).as("the chart's appVersion is the release the build makes")
                .isEqualTo(version.replace("-SNAPSHOT", ""));
        Set<String> expected = modules().stream().filter(ImagesTest::buildsImage)
                .map(m -> registry + "/parley-" + m + ":" + chart.get("appVersion")).collect(Collectors.toSet());
        assertThat(images(Manifests.helm(null))).isEqualTo(expected);
        assertThat(images(Manifests.kustomize("base"))).isEqualTo(expected);

        String compose = Files.readString(Manifests.DEPLOY.resolve("compose/docker-compose.yml"));
        for (String image : expected) {
            String module = image.substring(image.lastIndexOf("/parley-") + 8, image.lastIndexOf(':'));
            assertThat(compose).contains("${PARLEY_IMAGE_REGISTRY:-" + registry + "}/parley-" + module + ":${PARLEY_VERSION:-"
                    + chart.get("appVersion") + "}");
        }
    }

    @Test
    void theDockerfileBuildsTheSameImageFromTheExecutableJar() throws Exception {
        List<String> lines = Files.readAllLines(Manifests.DEPLOY.resolve("images/Dockerfile")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).contains("ARG BASE=" + text(pom, "/project/properties/parley.image.base"));
        assertThat(lines).contains("USER " + text(pom, "/project/profiles/profile[id='images']//container/user"));
        assertThat(lines).contains("ENV JAVA_TOOL_OPTIONS=\"" + values.get("javaToolOptions") + "\"");
        String classifier = text(pom, "/project/build/pluginManagement/plugins/plugin[artifactId='spring-boot-maven-plugin']"
                + "/configuration/classifier");
        assertThat(lines).anyMatch(l -> l.startsWith("COPY ${SERVICE}/target/${SERVICE}-*-" + classifier + ".jar"));
        assertThat(Files.readString(Manifests.DEPLOY.resolve("images/Dockerfile.dockerignore")))
                .contains("!*/target/*-" + classifier + ".jar");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> images(List<Map<String, Object>> documents) {
        return documents.stream().filter(d -> "Deployment".equals(d.get("kind")))
                .map(KubernetesManifestsTest::firstContainer).map(c -> (String) c.get("image")).collect(Collectors.toSet());
    }

    private static boolean buildsImage(String module) {
        try {
            return "false".equals(text(xml(ROOT.resolve(module).resolve("pom.xml")), "/project/properties/parley.image.skip"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> modules() throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/project/modules/module", pom, XPathConstants.NODESET);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document document, String path) throws Exception {
        return ((String) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.STRING)).trim();
    }

    private static double count(Document document, String path) throws Exception {
        return (Double) XPathFactory.newInstance().newXPath().evaluate("count(" + path + ")", document, XPathConstants.NUMBER);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String key) {
        return (T) map.get(key);
    }
}
