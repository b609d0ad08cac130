package dev.parley.safe.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking JDBC work off the Netty event loop, on a scheduler with as many threads as the
 * connection pool has connections: more threads would only wait for a connection, fewer would
 * leave connections idle under load.
 */
@Component
public class BlockingJdbc implements DisposableBean {

    private static final int QUEUED_TASKS = 10_000;

    private final JdbcClient jdbc;
    private final Scheduler scheduler;

    public BlockingJdbc(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        int threads = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        this.scheduler = Schedulers.newBoundedElastic(threads, QUEUED_TASKS, "safe-jdbc");
    }

    public <T> Mono<T> call(Function<JdbcClient, T> work) {
        return Mono.fromCallable(() -> work.apply(jdbc)).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
