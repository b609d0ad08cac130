package dev.parley.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an operator checks before applying Parley's manifests, whichever tool wrote them: pods run
 * as non-root on a read-only root filesystem with limits and health probes on the internal port,
 * secrets arrive only by reference, the internal ports are reachable neither through an Ingress
 * nor from outside the platform and monitoring, and every selector finds its pods.
 */
final class ManifestRules {

    /** Environment and ConfigMap keys that would hold a secret. */
    static final Pattern SECRET_NAME = Pattern.compile("SECRET|PASSWORD|PRIVATE|TOKEN|ACCESSKEY|CREDENTIAL");
    private static final Set<String> INTERNAL_PORT_NAMES = Set.of("internal", "internal-api");

    private final List<HasMetadata> objects;
    private final List<String> violations = new ArrayList<>();

    private ManifestRules(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** Every broken rule, one line each; empty when all hold. */
    static List<String> violations(List<HasMetadata> objects) {
        ManifestRules rules = new ManifestRules(objects);
        rules.check();
        return rules.violations;
    }

    private void check() {
        List<Deployment> deployments = of(Deployment.class);
        if (deployments.isEmpty()) {
            violations.add("no Deployment");
        }
        deployments.forEach(this::checkDeployment);
        of(Secret.class).forEach(s -> violations.add("Secret " + name(s) + " is written by the manifests"));
        of(ConfigMap.class).forEach(this::checkConfigMap);
        of(Service.class).forEach(this::checkService);
        of(Ingress.class).forEach(this::checkIngress);
        deployments.forEach(this::checkNetworkPolicies);
        of(HorizontalPodAutoscaler.class).forEach(this::checkAutoscaler);
        of(PodDisruptionBudget.class).forEach(this::checkBudget);
        checkChatPort();
    }

    private void checkDeployment(Deployment deployment) {
        String name = "Deployment " + name(deployment);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(name + ": mounts a service-account token");
        }
        for (Container container : pod.getContainers()) {
            String where = name + " container " + container.getName();
            SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
            Boolean nonRoot = firstSet(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
            Long user = firstSet(context.getRunAsUser(), podContext.getRunAsUser());
            if (!Boolean.TRUE.equals(nonRoot) || (user != null && user == 0)) {
                violations.add(where + ": may run as root");
            }
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                violations.add(where + ": root filesystem is writable");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(where + ": allows privilege escalation");
            }
            if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")) {
                violations.add(where + ": keeps Linux capabilities");
            }
            if (container.getVolumeMounts().stream().noneMatch(m -> m.getMountPath().equals("/tmp"))) {
                violations.add(where + ": no writable /tmp on the read-only root filesystem");
            }
            var resources = container.getResources();
            if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
                violations.add(where + ": no memory limit (the heap is sized from it)");
            }
            if (resources == null || resources.getRequests() == null
                    || !resources.getRequests().keySet().containsAll(Set.of("cpu", "memory"))) {
                violations.add(where + ": no cpu and memory requests");
            }
            checkProbe(where + " liveness", container, container.getLivenessProbe(), "/actuator/health/liveness");
            checkProbe(where + " readiness", container, container.getReadinessProbe(), "/actuator/health/readiness");
            for (EnvVar variable : container.getEnv()) {
                if (SECRET_NAME.matcher(variable.getName()).find()
                        && (variable.getValue() != null || variable.getValueFrom() == null
                                || variable.getValueFrom().getSecretKeyRef() == null)) {
                    violations.add(where + ": " + variable.getName() + " is not taken from a Secret");
                }
            }
        }
    }

    private void checkProbe(String where, Container container, Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(where + ": no HTTP probe");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": probes " + probe.getHttpGet().getPath() + " instead of " + path);
        }
        Integer probed = containerPort(container, probe.getHttpGet().getPort());
        Integer internal = container.getPorts().stream().filter(p -> "internal".equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
        if (probed == null || !probed.equals(internal)) {
            violations.add(where + ": not on the internal (management) port");
        }
    }

    private void checkConfigMap(ConfigMap configMap) {
        Map<String, String> data = Objects.requireNonNullElse(configMap.getData(), Map.of());
        data.forEach((key, value) -> {
            if (SECRET_NAME.matcher(key.toUpperCase()).find()) {
                violations.add("ConfigMap " + name(configMap) + ": " + key + " looks like a secret");
            }
            if (value != null && (value.contains("PRIVATE KEY") || value.lines().anyMatch(l -> l.startsWith("secret:")))) {
                violations.add("ConfigMap " + name(configMap) + ": " + key + " holds key material");
            }
        });
    }

    private void checkService(Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty() || podsSelectedBy(selector).isEmpty()) {
            violations.add("Service " + name(service) + ": selects no Deployment's pods");
        }
    }

    private void checkIngress(Ingress ingress) {
        for (var rule : ingress.getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                IngressBackend backend = path.getBackend();
                String target = rule.getHost() + path.getPath() + " -> " + backend.getService().getName();
                Optional<Service> service = of(Service.class).stream()
                        .filter(s -> name(s).equals(backend.getService().getName())).findFirst();
                if (service.isEmpty()) {
                    violations.add("Ingress " + name(ingress) + ": " + target + " has no Service");
                    continue;
                }
                if (backend.getService().getName().endsWith("mediator-service") && !Objects.requireNonNullElse(
                        ingress.getMetadata().getAnnotations(), Map.<String, String>of())
                        .containsKey("nginx.ingress.kubernetes.io/upstream-hash-by")) {
                    violations.add("Ingress " + name(ingress) + ": " + target
                            + " spreads one rendezvous path's two devices over several pods");
                }
                var port = backend.getService().getPort();
                Optional<ServicePort> servicePort = service.get().getSpec().getPorts().stream()
                        .filter(p -> port.getName() != null ? port.getName().equals(p.getName())
                                : port.getNumber().equals(p.getPort()))
                        .findFirst();
                if (servicePort.isEmpty()) {
                    violations.add("Ingress " + name(ingress) + ": " + target + " names no port of the Service");
                } else if (!"http".equals(servicePort.get().getName())
                        || internalPorts(service.get()).contains(servicePort.get().getPort())) {
                    violations.add("Ingress " + name(ingress) + ": " + target + " routes to a non-public port "
                            + servicePort.get().getPort());
                }
            }
        }
    }

    private void checkNetworkPolicies(Deployment deployment) {
        String name = "Deployment " + name(deployment);
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> policies = of(NetworkPolicy.class).stream()
                .filter(p -> labels.entrySet().containsAll(Objects.requireNonNullElse(
                        p.getSpec().getPodSelector().getMatchLabels(), Map.<String, String>of()).entrySet()))
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        if (policies.isEmpty()) {
            violations.add(name + ": no NetworkPolicy restricts who reaches it");
            return;
        }
        Set<Integer> internal = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> INTERNAL_PORT_NAMES.contains(p.getName()))
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
        Set<Integer> reachable = new java.util.HashSet<>();
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                Set<Integer> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                        .map(p -> p.getIntVal()).collect(Collectors.toSet());
                boolean fromAnywhere = rule.getFrom().isEmpty();
                if (fromAnywhere && (ports.isEmpty() || ports.stream().anyMatch(internal::contains))) {
                    violations.add(name + ": NetworkPolicy " + name(policy) + " opens an internal port to everyone");
                }
                if (!fromAnywhere && !rule.getFrom().stream().allMatch(ManifestRules::platformOrMonitoring)) {
                    violations.add(name + ": NetworkPolicy " + name(policy) + " lets other peers reach " + ports);
                }
                reachable.addAll(ports);
            }
        }
        if (!reachable.containsAll(internal)) {
            violations.add(name + ": internal ports " + internal + " not reachable by the platform and monitoring");
        }
    }

    private static boolean platformOrMonitoring(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        if (peer.getNamespaceSelector() != null) {
            return peer.getPodSelector() == null && Map.of("kubernetes.io/metadata.name", "monitoring")
                    .equals(peer.getNamespaceSelector().getMatchLabels());
        }
        return peer.getPodSelector() != null
                && "parley".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/part-of"));
    }

    private void checkAutoscaler(HorizontalPodAutoscaler autoscaler) {
        var target = autoscaler.getSpec().getScaleTargetRef();
        Optional<Deployment> deployment = of(Deployment.class).stream()
                .filter(d -> "Deployment".equals(target.getKind()) && name(d).equals(target.getName())).findFirst();
        if (deployment.isEmpty()) {
            violations.add("HorizontalPodAutoscaler " + name(autoscaler) + ": scales no Deployment");
        } else if (deployment.get().getSpec().getReplicas() != null) {
            violations.add("Deployment " + target.getName() + ": fixes replicas that its autoscaler manages");
        }
    }

    private void checkBudget(PodDisruptionBudget budget) {
        if (podsSelectedBy(budget.getSpec().getSelector().getMatchLabels()).isEmpty()) {
            violations.add("PodDisruptionBudget " + name(budget) + ": selects no Deployment's pods");
        }
    }

    private void checkChatPort() {
        boolean chat = of(Service.class).stream()
                .filter(s -> "LoadBalancer".equals(s.getSpec().getType()))
                .anyMatch(s -> s.getSpec().getPorts().stream()
                        .anyMatch(p -> p.getPort() == 5222 && "TCP".equals(p.getProtocol())));
        if (!chat) {
            violations.add("no LoadBalancer Service for the chat TCP port 5222");
        }
    }

    private Set<Integer> internalPorts(Service service) {
        Set<Integer> internal = new java.util.HashSet<>();
        for (Deployment deployment : podsSelectedBy(service.getSpec().getSelector())) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (ServicePort port : service.getSpec().getPorts()) {
                    Integer target = containerPort(container, port.getTargetPort());
                    container.getPorts().stream()
                            .filter(p -> INTERNAL_PORT_NAMES.contains(p.getName()))
                            .filter(p -> p.getContainerPort().equals(target))
                            .forEach(p -> internal.add(port.getPort()));
                }
            }
        }
        return internal;
    }

    private List<Deployment> podsSelectedBy(Map<String, String> selector) {
        return of(Deployment.class).stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static Integer containerPort(Container container, IntOrString port) {
        if (port == null) {
            return null;
        }
        if (port.getStrVal() != null) {
            return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                    .map(ContainerPort::getContainerPort).findFirst().orElse(null);
        }
        return port.getIntVal();
    }

    /** The container's own setting wins over the pod's. */
    private static <T> T firstSet(T container, T pod) {
        return container != null ? container : pod;
    }

    private <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
