package dev.parley.pushrelay.push;

import dev.parley.pushrelay.apns.ApnsSender;
import dev.parley.pushrelay.fcm.FcmSender;
import dev.parley.pushrelay.gateway.ThreemaGatewaySender;
import dev.parley.pushrelay.hms.HmsSender;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The configured provider clients (absent ones are empty) plus one in-flight gate per provider.
 * {@link #guarded} is the single place that applies the gate and records the outcome metric.
 */
public final class Senders implements AutoCloseable {

    private final FcmSender fcm;
    private final ApnsSender apns;
    private final Map<String, HmsSender> hms;
    private final ThreemaGatewaySender gateway;
    private final Map<Provider, ProviderGate> gates = new EnumMap<>(Provider.class);
    private final PushMetrics metrics;

    public Senders(FcmSender fcm, ApnsSender apns, Map<String, HmsSender> hms, ThreemaGatewaySender gateway,
            int maxConcurrency, PushMetrics metrics) {
        this.fcm = fcm;
        this.apns = apns;
        this.hms = Map.copyOf(hms);
        this.gateway = gateway;
        this.metrics = metrics;
        for (Provider provider : Provider.values()) {
            gates.put(provider, new ProviderGate(maxConcurrency));
        }
    }

    public Optional<FcmSender> fcm() {
        return Optional.ofNullable(fcm);
    }

    public Optional<ApnsSender> apns() {
        return Optional.ofNullable(apns);
    }

    public Optional<HmsSender> hms(String appId) {
        return Optional.ofNullable(hms.get(appId));
    }

    public Optional<ThreemaGatewaySender> gateway() {
        return Optional.ofNullable(gateway);
    }

    public ProviderGate gate(Provider provider) {
        return gates.get(provider);
    }

    /**
     * Runs {@code send} if the provider has a free slot, else fails with a server error at once; counts the
     * outcome either way. Failures come out as {@link PushException}.
     */
    public Mono<Void> guarded(Provider provider, Mono<Void> send) {
        ProviderGate gate = gates.get(provider);
        if (!gate.tryAcquire()) {
            metrics.record(provider, PushMetrics.OVERLOADED);
            return Mono.error(new PushException(PushException.Kind.REMOTE_SERVER, provider.tag() + ": too many pushes in flight"));
        }
        return send
                .onErrorMap(PushException::classify)
                .doOnSuccess(ignored -> metrics.record(provider, PushMetrics.SUCCESS))
                .doOnError(error -> metrics.record(provider, ((PushException) error).kind().metricTag()))
                .doFinally(signal -> gate.release());
    }

    /** A refusal for a provider that has no configuration, counted like upstream counts it: a client error. */
    public Mono<Void> notConfigured(Provider provider, String what) {
        metrics.record(provider, "not_configured");
        return Mono.error(new PushException(PushException.Kind.REMOTE_CLIENT, what + " is not configured"));
    }

    @Override
    public void close() {
        if (fcm != null) {
            fcm.close();
        }
        if (apns != null) {
            apns.close();
        }
        hms.values().forEach(HmsSender::close);
        if (gateway != null) {
            gateway.close();
        }
    }
}
