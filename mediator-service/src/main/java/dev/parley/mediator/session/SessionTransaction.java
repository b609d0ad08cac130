package dev.parley.mediator.session;

import com.google.protobuf.ByteString;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflect;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.proto.BeginTransaction;
import dev.parley.common.d2m.proto.TransactionRejected;
import dev.parley.mediator.cluster.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A device's transaction (PROTOCOLS.md §6.5): one lease per group in Redis, whose holder string
 * names node, connection, device and encrypted scope, so that a refused device learns who holds
 * it. Reflects inside the transaction are acked at once but held back until commit; at commit the
 * lease must still be ours. A holder that leaves aborts, and the other devices get
 * TransactionEnded either way.
 *
 * <p>Guarded by the session's monitor: the session calls in holding it, and lease answers take it
 * before they touch anything.
 */
final class SessionTransaction {

    private static final Logger log = LoggerFactory.getLogger(SessionTransaction.class);
    private static final String LEASE = "transaction";
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private static final class Attempt {
        final byte[] scope;
        final String holder;
        final Duration ttl;
        final List<Reflect> staged = new ArrayList<>();
        long stagedBytes;
        boolean granted;
        Disposable timer;

        Attempt(byte[] scope, String holder, Duration ttl) {
            this.scope = scope;
            this.holder = holder;
            this.ttl = ttl;
        }
    }

    private final D2mSession session;
    private final SessionServices services;
    private Attempt current;

    SessionTransaction(D2mSession session, SessionServices services) {
        this.session = session;
        this.services = services;
    }

    void begin(BeginTransaction begin) {
        if (current != null) {
            session.close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        Duration max = services.properties().transactions().maxTtl();
        Duration ttl = begin.getTtl() == 0 || Duration.ofSeconds(begin.getTtl()).compareTo(max) > 0
                ? max : Duration.ofSeconds(begin.getTtl());
        byte[] scope = begin.getEncryptedScope().toByteArray();
        String holder = session.presence().encode() + "|" + session.deviceId() + "|" + B64.encodeToString(scope);
        Attempt attempt = new Attempt(scope, holder, ttl);
        current = attempt;
        services.leases().acquire(LEASE, session.groupHex(), holder, ttl)
                .subscribe(grant -> answered(attempt, grant), session::internalError);
    }

    /** Holds {@code reflect} back for the commit when a transaction is granted; false otherwise. */
    boolean holdBack(Reflect reflect, long now) {
        Attempt attempt = current;
        if (attempt == null || !attempt.granted) {
            return false;
        }
        attempt.stagedBytes += reflect.envelope().length;
        if (attempt.staged.size() >= services.properties().transactions().maxReflects()
                || attempt.stagedBytes > services.properties().transactions().maxStagedBytes()) {
            session.close(D2mCloseCode.PROTOCOL_ERROR);
            return true;
        }
        attempt.staged.add(reflect);
        session.send(D2mPayloadType.REFLECT_ACK, new ReflectAck(reflect.reflectId(), now).encode());
        return true;
    }

    void commit() {
        Attempt attempt = current;
        if (attempt == null || !attempt.granted) {
            session.close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        current = null;
        attempt.timer.dispose();
        byte[] group = session.groupId();
        String groupHex = session.groupHex();
        long device = session.deviceId();
        // Check the lease is still ours (and keep it while the reflects are stored), then store
        // them in the order they were sent, then let the other devices go.
        services.leases().renew(LEASE, groupHex, attempt.holder, Duration.ofSeconds(30))
                .flatMap(held -> {
                    if (!held) {
                        return Mono.just(false);
                    }
                    List<Mono<Void>> stored = new ArrayList<>();
                    long now = System.currentTimeMillis();
                    for (Reflect r : attempt.staged) {
                        stored.add(services.writer().reflect(group, device, r.flags(), now, r.envelope()));
                    }
                    return Mono.when(stored)
                            .then(services.leases().release(LEASE, groupHex, attempt.holder))
                            .thenReturn(true);
                })
                .subscribe(committed -> committed(attempt, committed), session::internalError);
    }

    /** The connection is gone: a granted transaction is aborted and the other devices are told. */
    void abandon() {
        Attempt attempt = current;
        current = null;
        if (attempt == null || !attempt.granted) {
            return;
        }
        attempt.timer.dispose();
        String groupHex = session.groupHex();
        long device = session.deviceId();
        services.leases().release(LEASE, groupHex, attempt.holder)
                .subscribe(released -> {
                    if (released) {
                        services.events().transactionEnded(groupHex, device, attempt.scope);
                    }
                }, e -> log.warn("releasing a transaction failed: {}", e.toString()));
    }

    private void answered(Attempt attempt, Leases.Grant grant) {
        synchronized (session) {
            if (current != attempt || !session.isActive()) {
                if (grant.granted()) {
                    services.leases().release(LEASE, session.groupHex(), attempt.holder).subscribe();
                }
                return;
            }
            if (!grant.granted()) {
                current = null;
                session.send(D2mPayloadType.TRANSACTION_REJECTED, rejection(grant.holder()).toByteArray());
                return;
            }
            attempt.granted = true;
            attempt.timer = Mono.delay(attempt.ttl).subscribe(x -> expired(attempt));
            session.send(D2mPayloadType.BEGIN_TRANSACTION_ACK, new byte[0]);
        }
    }

    /** Names the holder's device and scope, as far as its holder string tells them. */
    private static TransactionRejected rejection(String holderString) {
        String[] holder = holderString.split("\\|", 5);
        TransactionRejected.Builder rejected = TransactionRejected.newBuilder();
        if (holder.length == 5) {
            rejected.setDeviceId(Long.parseLong(holder[3]))
                    .setEncryptedScope(ByteString.copyFrom(B64D.decode(holder[4])));
        }
        return rejected.build();
    }

    private void expired(Attempt attempt) {
        synchronized (session) {
            if (current == attempt) {
                session.close(D2mCloseCode.TRANSACTION_TTL_REACHED);
            }
        }
    }

    private void committed(Attempt attempt, boolean committed) {
        synchronized (session) {
            if (!committed) {
                session.close(D2mCloseCode.TRANSACTION_TTL_REACHED);
                return;
            }
            session.send(D2mPayloadType.COMMIT_TRANSACTION_ACK, new byte[0]);
            services.events().transactionEnded(session.groupHex(), session.deviceId(), attempt.scope);
        }
    }
}
