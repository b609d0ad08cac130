package dev.parley.standalone;

import dev.parley.standalone.services.ServiceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the launcher needs before anything starts. Each setting comes from a {@code --name=value}
 * argument, else a system property of the same name, else the environment variable spelled the
 * Spring way ({@code parley.data-dir} is {@code PARLEY_DATA_DIR}), else its default. A port of 0
 * means any free port. Arguments the launcher does not know are handed to every service.
 */
public record StandaloneSettings(
        Path dataDir,
        int postgresPort,
        int redisPort,
        int cspPort,
        int directoryApiPort,
        Map<ServiceKind, ServicePorts> servicePorts,
        List<String> serviceArguments) {

    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_REDIS_PORT = 16379;
    public static final int DEFAULT_CSP_PORT = 5222;
    /** The directory's internal API (key lookup, admin), which the chat gateway asks for keys. */
    public static final int DEFAULT_DIRECTORY_API_PORT = 9181;

    /** A service's public HTTP port and its internal (actuator, internal API) port. */
    public record ServicePorts(int publicPort, int internalPort) {
    }

    public StandaloneSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        serviceArguments = List.copyOf(serviceArguments);
    }

    public static StandaloneSettings from(String[] args, Map<String, String> environment) {
        Map<String, String> arguments = new HashMap<>();
        List<String> passThrough = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--parley.data-dir=") || arg.startsWith("--parley.standalone.")) {
                int equals = arg.indexOf('=');
                arguments.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                passThrough.add(arg);
            }
        }
        Lookup lookup = new Lookup(arguments, environment);
        Map<ServiceKind, ServicePorts> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            String base = "parley.standalone." + kind.id();
            ports.put(kind, new ServicePorts(lookup.port(base + ".port", kind.defaultPublicPort()),
                    lookup.port(base + ".internal-port", kind.defaultInternalPort())));
        }
        return new StandaloneSettings(Path.of(lookup.get("parley.data-dir", "data")),
                lookup.port("parley.standalone.postgres-port", DEFAULT_POSTGRES_PORT),
                lookup.port("parley.standalone.redis-port", DEFAULT_REDIS_PORT),
                lookup.port("parley.standalone.chat.csp-port", DEFAULT_CSP_PORT),
                lookup.port("parley.standalone.directory.api-port", DEFAULT_DIRECTORY_API_PORT),
                ports, passThrough);
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path redisDir() {
        return dataDir.resolve("redis");
    }

    public Path keysDir() {
        return dataDir.resolve("keys");
    }

    private record Lookup(Map<String, String> arguments, Map<String, String> environment) {

        String get(String name, String fallback) {
            String value = arguments.get(name);
            if (value == null) {
                value = System.getProperty(name);
            }
            if (value == null) {
                value = environment.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int port(String name, int fallback) {
            String value = get(name, Integer.toString(fallback));
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number between 0 and 65535, not '" + value + "'");
            }
        }
    }
}
