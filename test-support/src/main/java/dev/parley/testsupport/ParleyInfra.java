package dev.parley.testsupport;

import dev.parley.testsupport.postgres.PostgresExtension;
import dev.parley.testsupport.redis.RedisExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh PostgreSQL database and its own Redis key prefix on
 * servers shared by the whole test JVM. Test methods and constructors may declare
 * {@link dev.parley.testsupport.postgres.PostgresDatabase} and
 * {@link dev.parley.testsupport.redis.RedisServerInfo} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({PostgresExtension.class, RedisExtension.class})
public @interface ParleyInfra {
}
