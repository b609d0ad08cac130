package dev.parley.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.ParleyInfra;
import java.io.IOException;
import org.junit.jupiter.api.Test;

@ParleyInfra
class RedisExtensionTest {

    @Test
    void storesAndReadsAValue(RedisServerInfo redis) throws IOException {
        try (RespConnection connection = RespConnection.open(redis)) {
            assertThat(connection.command("SET", redis.key("greeting"), "hello")).isEqualTo("+OK");
            assertThat(connection.command("GET", redis.key("greeting"))).isEqualTo("$5 hello");
        }
    }

    @Test
    void givesEachClassItsOwnKeyPrefix(RedisServerInfo redis) {
        RedisServerInfo other = SharedRedis.infoFor(String.class);

        assertThat(redis.keyPrefix()).startsWith("t_redisextensiontest_").endsWith(":");
        assertThat(other.keyPrefix()).isNotEqualTo(redis.keyPrefix());
        assertThat(other.port()).isEqualTo(redis.port());
        assertThat(redis.uri()).isEqualTo("redis://" + redis.host() + ":" + redis.port());
    }
}
