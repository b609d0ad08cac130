package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.standalone.services.ServiceKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

    @Test
    void defaultsToTheDocumentedPortsAndDataDirectory() {
        StandaloneSettings settings = StandaloneSettings.from(new String[0], Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.redisPort()).isEqualTo(16379);
        assertThat(settings.cspPort()).isEqualTo(5222);
        assertThat(settings.servicePorts().get(ServiceKind.DIRECTORY)).isEqualTo(new StandaloneSettings.ServicePorts(8081, 9081));
        assertThat(settings.servicePorts().get(ServiceKind.CHAT)).isEqualTo(new StandaloneSettings.ServicePorts(8086, 9086));
        assertThat(settings.serviceArguments()).isEmpty();
    }

    @Test
    void argumentsOutrankTheEnvironment() {
        StandaloneSettings settings = StandaloneSettings.from(
                new String[] {"--parley.data-dir=/srv/parley", "--parley.standalone.push-relay.port=18084"},
                Map.of("PARLEY_DATA_DIR", "/elsewhere", "PARLEY_STANDALONE_REDIS_PORT", "7000",
                        "PARLEY_STANDALONE_PUSH_RELAY_PORT", "1"));

        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/parley"));
        assertThat(settings.redisPort()).isEqualTo(7000);
        assertThat(settings.servicePorts().get(ServiceKind.PUSH_RELAY).publicPort()).isEqualTo(18084);
    }

    @Test
    void handsUnknownArgumentsToTheServices() {
        StandaloneSettings settings = StandaloneSettings.from(new String[] {"--logging.level.dev.parley=debug"}, Map.of());

        assertThat(settings.serviceArguments()).containsExactly("--logging.level.dev.parley=debug");
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> StandaloneSettings.from(new String[] {"--parley.standalone.postgres-port=70000"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parley.standalone.postgres-port");
    }
}
