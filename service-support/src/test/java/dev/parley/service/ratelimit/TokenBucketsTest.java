package dev.parley.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.service.ratelimit.TokenBuckets.Bucket;
import dev.parley.testsupport.redis.RedisExtension;
import dev.parley.testsupport.redis.RedisServerInfo;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The shared token-bucket script against a real Redis server. */
@ExtendWith(RedisExtension.class)
class TokenBucketsTest {

    private LettuceConnectionFactory connections;
    private ReactiveStringRedisTemplate redis;
    private TokenBuckets buckets;
    private RedisServerInfo server;

    @BeforeEach
    void connect(RedisServerInfo server) {
        this.server = server;
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        buckets = new TokenBuckets(redis);
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    @Test
    void aFullBucketGivesItsCapacityThenSaysHowLongToWait() {
        Bucket bucket = new Bucket(server.key("ip:a"), 3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(List.of(bucket)).block()).isZero();
        }
        Duration wait = buckets.take(List.of(bucket)).block();
        assertThat(wait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(buckets.tryTake(bucket).block()).isFalse();
        // The state expires once a full refill has passed, so idle clients leave nothing behind.
        assertThat(redis.getExpire(bucket.key()).block()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(31));
    }

    @Test
    void tokensComeBackEvenly() throws InterruptedException {
        Bucket bucket = new Bucket(server.key("ip:b"), 2, Duration.ofMillis(200));
        assertThat(buckets.tryTake(bucket).block()).isTrue();
        assertThat(buckets.tryTake(bucket).block()).isTrue();
        assertThat(buckets.tryTake(bucket).block()).isFalse();
        Thread.sleep(450);
        assertThat(buckets.tryTake(bucket).block()).isTrue();
        assertThat(buckets.tryTake(bucket).block()).isTrue();
        assertThat(buckets.tryTake(bucket).block()).isFalse();
    }

    @Test
    void severalBucketsPassTogetherOrTakeNothing() {
        Bucket ip = new Bucket(server.key("ip:c"), 5, Duration.ofMinutes(1));
        Bucket backup = new Bucket(server.key("backup:c"), 1, Duration.ofMinutes(1));
        assertThat(buckets.take(List.of(ip, backup)).block()).isZero();
        // The backup bucket is empty: the request is refused and the IP bucket keeps its tokens.
        assertThat(buckets.take(List.of(ip, backup)).block()).isPositive();
        for (int i = 0; i < 4; i++) {
            assertThat(buckets.tryTake(ip).block()).as("token %d", i).isTrue();
        }
        assertThat(buckets.tryTake(ip).block()).isFalse();
    }

    @Test
    void refilledOverSpreadsThePeriod() {
        Bucket daily = Bucket.refilledOver(server.key("daily"), 3, Duration.ofDays(1));
        assertThat(daily.refillInterval()).isEqualTo(Duration.ofHours(8));
        assertThat(buckets.tryTake(daily).block()).isTrue();
    }

    /**
     * Requests made while a call is in flight are decided together in the next one, in order,
     * exactly as one by one: a bucket of ten lets ten of fifty through, and a refused request of
     * two buckets takes nothing from the one that had tokens.
     */
    @Test
    void concurrentRequestsAreDecidedExactlyAsOneByOne() {
        Bucket shared = new Bucket(server.key("ip:d"), 10, Duration.ofMinutes(1));
        Bucket scarce = new Bucket(server.key("backup:d"), 3, Duration.ofMinutes(1));
        Bucket plenty = new Bucket(server.key("ip:e"), 100, Duration.ofMinutes(1));

        List<Duration> answers = Flux.range(0, 50)
                .flatMap(i -> i % 2 == 0 ? buckets.take(List.of(shared)) : buckets.take(List.of(plenty, scarce)), 50)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(answers).hasSize(50);
        assertThat(answers.stream().filter(Duration::isZero)).hasSize(10 + 3);
        assertThat(answers.stream().filter(wait -> !wait.isZero())).allSatisfy(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60)));
        // Only the three that passed took from the plentiful bucket.
        for (int i = 0; i < 97; i++) {
            assertThat(buckets.tryTake(plenty).block()).as("token %d", i).isTrue();
        }
        assertThat(buckets.tryTake(plenty).block()).isFalse();
        assertThat(buckets.tryTake(shared).block()).isFalse();
    }
}
