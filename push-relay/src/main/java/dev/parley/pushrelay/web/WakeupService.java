package dev.parley.pushrelay.web;

import dev.parley.pushrelay.apns.ApnsNotification;
import dev.parley.pushrelay.fcm.FcmMessage;
import dev.parley.pushrelay.push.Provider;
import dev.parley.pushrelay.push.Senders;
import dev.parley.pushrelay.push.WakeupPayload;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns a validated Threema Web wake-up into the provider's request (payload as PROTOCOLS §4.3–4.7). */
@Service
class WakeupService {

    static final String APNS_PAYLOAD_KEY = "3mw";
    static final String APNS_ALERT_BODY = "Threema Web Wakeup";

    private final Senders senders;
    private final Clock clock;

    WakeupService(Senders senders, Clock clock) {
        this.senders = senders;
        this.clock = clock;
    }

    Mono<Void> send(WakeupRequest request) {
        long now = clock.instant().getEpochSecond();
        WakeupPayload payload = new WakeupPayload(request.session(), request.affiliation(), request.version(), now);
        WakeupRequest.Target target = request.target();
        if (target instanceof WakeupRequest.Fcm fcm) {
            return senders.fcm()
                    .map(sender -> senders.guarded(Provider.FCM, sender.send(
                            new FcmMessage(fcm.token(), payload.fcmData(), request.ttl(), request.collapseKey()))))
                    .orElseGet(() -> senders.notConfigured(Provider.FCM, "FCM"));
        }
        if (target instanceof WakeupRequest.Apns apns) {
            return senders.apns()
                    .map(sender -> senders.guarded(Provider.APNS, sender.send(apnsNotification(apns, payload, request, now))))
                    .orElseGet(() -> senders.notConfigured(Provider.APNS, "APNs"));
        }
        if (target instanceof WakeupRequest.Hms hms) {
            return senders.hms(hms.appId())
                    .map(sender -> senders.guarded(Provider.HMS, sender.send(
                            sender.message(hms.token(), payload.toJson(false).toString(), request.ttl()))))
                    .orElseGet(() -> senders.notConfigured(Provider.HMS, "HMS app id"));
        }
        WakeupRequest.ThreemaGateway gateway = (WakeupRequest.ThreemaGateway) target;
        return senders.gateway()
                .map(sender -> senders.guarded(Provider.THREEMA_GATEWAY,
                        sender.send(gateway.identity(), gateway.publicKey(), payload.toJson(false))))
                .orElseGet(() -> senders.notConfigured(Provider.THREEMA_GATEWAY, "Threema Gateway"));
    }

    /** {@code .voip} bundles get a silent content-available push, others a visible mutable alert. */
    private static ApnsNotification apnsNotification(WakeupRequest.Apns apns, WakeupPayload payload,
            WakeupRequest request, long now) {
        boolean voip = apns.bundleId().endsWith(".voip");
        ObjectNode aps = JsonNodeFactory.instance.objectNode();
        if (voip) {
            aps.put("content-available", 1);
        } else {
            aps.set("alert", JsonNodeFactory.instance.objectNode().put("body", APNS_ALERT_BODY));
            aps.put("sound", "default");
            aps.put("mutable-content", 1);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("aps", aps);
        body.set(APNS_PAYLOAD_KEY, payload.toJson(false));
        long expiration = request.ttl() == 0 ? 0 : now + request.ttl();
        return new ApnsNotification(apns.token(), apns.bundleId(), voip ? "voip" : "alert", expiration,
                request.collapseKey(), apns.production(), body);
    }
}
