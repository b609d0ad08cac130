package dev.parley.chat.persistence;

import dev.parley.service.jdbc.BlockingJdbc;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bounded scheduler this service runs its JDBC work on ({@code chat-jdbc-*} threads). */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

    @Bean
    BlockingJdbc blockingJdbc(JdbcClient jdbc, DataSource dataSource) {
        return new BlockingJdbc(jdbc, dataSource, "chat-jdbc");
    }
}
