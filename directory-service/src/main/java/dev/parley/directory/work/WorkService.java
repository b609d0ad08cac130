package dev.parley.directory.work;

import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.web.UnauthorizedException;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Work credentials: looks the user up and checks the password hash off the event loop. */
@Service
public class WorkService {

    /** Checked for unknown users too, so a wrong username costs as long as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("not a password");

    private final BlockingJdbc jdbc;
    private final WorkRepository repository;

    public WorkService(BlockingJdbc jdbc, WorkRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /** The user, or empty when the username is unknown or the password wrong. */
    public Mono<WorkUser> authenticate(String username, String password) {
        return jdbc.call(client -> repository.findUser(client, username))
                .publishOn(Schedulers.parallel())
                .flatMap(user -> {
                    String hash = user.map(WorkUser::passwordHash).orElse(DUMMY_HASH);
                    boolean ok = Passwords.matches(password, hash) && user.isPresent();
                    return ok ? Mono.just(user.get()) : Mono.<WorkUser>empty();
                });
    }

    /** As {@link #authenticate}, with a 401 {@code invalid-credentials} for bad credentials. */
    public Mono<WorkUser> require(String username, String password) {
        return authenticate(username, password)
                .switchIfEmpty(Mono.error(() -> new UnauthorizedException("invalid-credentials")));
    }

    public <T> Mono<T> call(java.util.function.Function<org.springframework.jdbc.core.simple.JdbcClient, T> work) {
        return jdbc.call(work);
    }

    public WorkRepository repository() {
        return repository;
    }

}
