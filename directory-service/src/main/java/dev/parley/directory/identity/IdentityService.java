package dev.parley.directory.identity;

import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.web.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Identity reads and writes off the event loop; the other features use it instead of the repository. */
@Service
public class IdentityService {

    private final BlockingJdbc jdbc;
    private final IdentityRepository repository;

    public IdentityService(BlockingJdbc jdbc, IdentityRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    public Mono<Identity> find(String id) {
        return jdbc.call(client -> repository.find(client, id)).flatMap(Mono::justOrEmpty);
    }

    public Mono<List<Identity>> findAll(Collection<String> ids) {
        return jdbc.call(client -> repository.findAll(client, ids));
    }

    /** The identity if it exists and is not revoked; an application error otherwise. */
    public Mono<Identity> requireUsable(String id) {
        return find(id).filter(Identity::usable)
                .switchIfEmpty(Mono.error(() -> new ApiException("Unknown or revoked identity")));
    }

    /** The public key of a usable identity, for a challenge. */
    public Mono<byte[]> challengeKey(String id) {
        return requireUsable(id).map(Identity::publicKey);
    }

    public Mono<Optional<Identity>> create(byte[] publicKey, int type, String serverGroup) {
        return jdbc.call(client -> repository.create(client, publicKey, type, serverGroup));
    }

    public Mono<Boolean> setFeatureMask(String id, long mask) {
        return jdbc.call(client -> repository.setFeatureMask(client, id, mask));
    }
}
