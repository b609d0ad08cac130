package dev.parley.pushrelay.internal;

import dev.parley.common.encoding.Hex;
import dev.parley.pushrelay.PushRelayProperties;
import dev.parley.pushrelay.apns.ApnsNotification;
import dev.parley.pushrelay.fcm.FcmMessage;
import dev.parley.pushrelay.push.Provider;
import dev.parley.pushrelay.push.PushMetrics;
import dev.parley.pushrelay.push.Senders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes for the chat gateway: one bounded queue per provider, so a slow provider fills only its own
 * queue, and a full queue drops the push with {@code parley.pushrelay.internal.dropped} counted.
 * FCM and HMS wake-ups carry no message data; the app fetches its messages when it wakes.
 */
@Service
public class InternalPushService {

    /** The custom APNs payload key the iOS app's notification extension reads the sealed box from. */
    static final String APNS_SEALED_KEY = "threema";

    private final Senders senders;
    private final Clock clock;
    private final PushRelayProperties properties;
    private final Map<Provider, ProviderQueue<InternalPushRequest>> queues = new EnumMap<>(Provider.class);
    private final Map<Provider, Counter> drops = new EnumMap<>(Provider.class);

    InternalPushService(Senders senders, Clock clock, PushRelayProperties properties, PushMetrics metrics) {
        this.senders = senders;
        this.clock = clock;
        this.properties = properties;
        PushRelayProperties.Internal internal = properties.internal();
        for (Provider provider : new Provider[] {Provider.FCM, Provider.APNS, Provider.HMS}) {
            ProviderQueue<InternalPushRequest> queue = new ProviderQueue<>(internal.queueCapacity(),
                    internal.maxConcurrency(), this::send);
            queues.put(provider, queue);
            Gauge.builder("parley.pushrelay.internal.queue.depth", queue, ProviderQueue::depth)
                    .description("Internal pushes waiting for a free slot, by provider")
                    .tag("provider", provider.tag())
                    .register(metrics.registry());
            drops.put(provider, Counter.builder("parley.pushrelay.internal.dropped")
                    .description("Internal pushes dropped because the provider's queue was full")
                    .tag("provider", provider.tag())
                    .register(metrics.registry()));
        }
    }

    /** Queues the push; false when the provider's queue is full and the push was dropped. */
    public boolean submit(InternalPushRequest request) {
        Provider provider = request.tokenType().provider();
        if (queues.get(provider).offer(request)) {
            return true;
        }
        drops.get(provider).increment();
        return false;
    }

    int depth(Provider provider) {
        return queues.get(provider).depth();
    }

    private Mono<Void> send(InternalPushRequest request) {
        long ttl = properties.internal().ttl().toSeconds();
        String token = new String(request.token(), StandardCharsets.UTF_8);
        switch (request.tokenType().provider()) {
            case FCM -> {
                return senders.fcm()
                        .map(sender -> senders.guarded(Provider.FCM, sender.send(
                                new FcmMessage(token, Map.of(), ttl, null))))
                        .orElseGet(() -> senders.notConfigured(Provider.FCM, "FCM"));
            }
            case HMS -> {
                int bar = token.indexOf('|');
                String appId = bar < 0 ? "" : token.substring(0, bar);
                return senders.hms(appId)
                        .map(sender -> senders.guarded(Provider.HMS, sender.send(
                                sender.message(token.substring(bar + 1), "{}", ttl))))
                        .orElseGet(() -> senders.notConfigured(Provider.HMS, "HMS app id"));
            }
            default -> {
                PushRelayProperties.Apns apns = properties.apns();
                String topic = apns == null ? null : apns.chatTopic(request.topic());
                if (topic == null || senders.apns().isEmpty()) {
                    return senders.notConfigured(Provider.APNS, "APNs for chat pushes");
                }
                return senders.guarded(Provider.APNS, senders.apns().get().send(apnsNotification(request,
                        topic, clock.instant().getEpochSecond() + ttl)));
            }
        }
    }

    /**
     * A visible alert; mutable-content tokens also get the sealed message (sender, nickname, message
     * id) as {@code threema: {box, nonce}}, which the app's notification extension opens with the
     * key it chose and uses to replace the alert.
     */
    private ApnsNotification apnsNotification(InternalPushRequest request, String topic, long expiration) {
        ObjectNode aps = JsonNodeFactory.instance.objectNode();
        aps.set("alert", JsonNodeFactory.instance.objectNode().put("body", properties.internal().apnsAlertBody()));
        aps.put("sound", "default");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (request.tokenType().mutableContent()) {
            aps.put("mutable-content", 1);
            if (request.encryptedPayload() != null) {
                body.set(APNS_SEALED_KEY, JsonNodeFactory.instance.objectNode()
                        .put("box", Base64.getEncoder().encodeToString(request.encryptedPayload()))
                        .put("nonce", Base64.getEncoder().encodeToString(request.nonce())));
            }
        }
        body.set("aps", aps);
        return new ApnsNotification(deviceToken(request.token()), topic, "alert", expiration, null,
                request.tokenType().production(), body);
    }

    /** APNs device tokens go into the URL as hex; clients may register them as raw bytes or as hex text. */
    static String deviceToken(byte[] token) {
        boolean hexText = token.length % 2 == 0;
        for (byte b : token) {
            hexText &= (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
        }
        return hexText ? new String(token, StandardCharsets.US_ASCII) : Hex.encode(token);
    }
}
