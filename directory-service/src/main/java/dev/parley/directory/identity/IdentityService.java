package dev.parley.directory.identity;

import dev.parley.service.jdbc.BatchedLookup;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.web.ApiException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Identity reads and writes off the event loop; the other features use it instead of the repository. */
@Service
public class IdentityService {

    /** As many IDs as one bulk fetch may name. */
    private static final int MAX_LOOKUP_BATCH = 1000;
    private static final int MAX_WAITING_LOOKUPS = 10_000;

    private final BlockingJdbc jdbc;
    private final IdentityRepository repository;
    /** Single-ID reads are the directory's hottest path; under load they share queries. */
    private final BatchedLookup<String, Identity> lookups;

    public IdentityService(BlockingJdbc jdbc, IdentityRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.lookups = new BatchedLookup<>("identity", ids -> jdbc.call(client -> byId(repository.findAll(client, ids))),
                MAX_LOOKUP_BATCH, jdbc.batchesInFlight(), MAX_WAITING_LOOKUPS);
    }

    private static Map<String, Identity> byId(List<Identity> identities) {
        Map<String, Identity> map = new HashMap<>(identities.size() * 2);
        identities.forEach(identity -> map.put(identity.id(), identity));
        return map;
    }

    public Mono<Identity> find(String id) {
        return lookups.find(id).flatMap(Mono::justOrEmpty);
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
