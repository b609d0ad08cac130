package dev.parley.pushrelay;

import dev.parley.testsupport.spring.ActuatorContract;
import java.util.List;

/** Starts the service the way {@code main} does, on random ports, and checks its actuator endpoints. */
class PushRelayApplicationTest extends RelayIntegrationTest implements ActuatorContract {

    @Override
    public int publicPort() {
        return serverPort;
    }

    @Override
    public int internalPort() {
        return managementPort;
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of();
    }

    @Override
    public List<String> expectedMetrics() {
        return List.of("parley_pushrelay_internal_queue_depth");
    }
}
