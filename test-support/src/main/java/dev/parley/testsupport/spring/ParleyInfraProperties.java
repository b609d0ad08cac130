package dev.parley.testsupport.spring;

import dev.parley.testsupport.postgres.PostgresDatabase;
import dev.parley.testsupport.postgres.SharedPostgres;
import dev.parley.testsupport.redis.RedisServerInfo;
import dev.parley.testsupport.redis.SharedRedis;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Hands the shared test servers to a {@code @SpringBootTest} context as Spring Boot's own
 * properties, from a {@code @DynamicPropertySource} method:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     ParleyInfraProperties.postgres(registry, MyServiceTest.class);
 *     ParleyInfraProperties.redis(registry, MyServiceTest.class, "parley.my.redis.key-prefix");
 * }
 * }</pre>
 *
 * The test class gets the same database and key prefix as its {@code @ParleyInfra} parameters.
 */
public final class ParleyInfraProperties {

    private ParleyInfraProperties() {
    }

    /** Points {@code spring.datasource.*} at the test class's database. */
    public static PostgresDatabase postgres(DynamicPropertyRegistry registry, Class<?> testClass) {
        PostgresDatabase database = SharedPostgres.databaseFor(testClass);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        return database;
    }

    /**
     * Points {@code spring.data.redis.*} at the shared Redis and sets {@code keyPrefixProperty}
     * (the service's own key-prefix property) to the test class's prefix.
     */
    public static RedisServerInfo redis(DynamicPropertyRegistry registry, Class<?> testClass, String keyPrefixProperty) {
        RedisServerInfo redis = SharedRedis.infoFor(testClass);
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add(keyPrefixProperty, redis::keyPrefix);
        return redis;
    }
}
