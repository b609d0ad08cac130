package dev.parley.pushrelay;

import dev.parley.pushrelay.apns.ApnsSender;
import dev.parley.pushrelay.apns.ApnsTokenSigner;
import dev.parley.pushrelay.fcm.FcmSender;
import dev.parley.pushrelay.fcm.FcmServiceAccount;
import dev.parley.pushrelay.gateway.GatewayKeyFile;
import dev.parley.pushrelay.gateway.ThreemaGatewaySender;
import dev.parley.pushrelay.hms.HmsSender;
import dev.parley.pushrelay.push.PemKeys;
import dev.parley.pushrelay.push.PushMetrics;
import dev.parley.pushrelay.push.RetrySleeper;
import dev.parley.pushrelay.push.Senders;
import dev.parley.pushrelay.push.WireProtocol;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Builds one sender per configured provider from {@link PushRelayProperties}. */
@Configuration(proxyBeanMethods = false)
class PushRelayConfiguration {

    @Bean
    Clock pushRelayClock() {
        return Clock.systemUTC();
    }

    @Bean
    RetrySleeper pushRetrySleeper() {
        return RetrySleeper.timer();
    }

    @Bean
    PushMetrics pushMetrics(MeterRegistry registry) {
        return new PushMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    Senders pushSenders(PushRelayProperties properties, Clock clock, RetrySleeper sleeper, PushMetrics metrics) {
        JsonMapper json = JsonMapper.builder().build();
        Duration timeout = properties.http().timeout();
        int connections = properties.http().maxConnections();
        FcmSender fcm = null;
        if (properties.fcm() != null) {
            PushRelayProperties.Fcm config = properties.fcm();
            FcmServiceAccount account = FcmServiceAccount.fromBase64(config.serviceAccountKeyBase64(), json);
            if (config.tokenUri() != null) {
                account = new FcmServiceAccount(account.clientEmail(), account.privateKey(), config.tokenUri());
            }
            boolean http1 = config.protocol() == PushRelayProperties.Fcm.Protocol.HTTP1;
            fcm = new FcmSender(account, config.projectId(), config.maxRetries(), config.baseUrl(),
                    http1 ? WireProtocol.HTTP1 : WireProtocol.H2, timeout,
                    http1 ? config.http1MaxConnections() : connections, clock, sleeper, json);
        }
        ApnsSender apns = null;
        if (properties.apns() != null) {
            PushRelayProperties.Apns config = properties.apns();
            String pem;
            try {
                pem = Files.readString(config.keyfile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read parley.push-relay.apns.keyfile", e);
            }
            ApnsTokenSigner signer = new ApnsTokenSigner(PemKeys.pkcs8(pem, "EC"), config.keyId(), config.teamId(), clock);
            apns = new ApnsSender(signer, config.productionUrl(), config.sandboxUrl(), timeout, connections, json);
        }
        Map<String, HmsSender> hms = new LinkedHashMap<>();
        properties.hms().forEach((appId, config) ->
                hms.put(appId, new HmsSender(appId, config, timeout, connections, clock, json)));
        ThreemaGatewaySender gateway = null;
        if (properties.threemaGateway() != null) {
            PushRelayProperties.ThreemaGateway config = properties.threemaGateway();
            gateway = new ThreemaGatewaySender(config.baseUrl(), config.identity(), config.secret(),
                    GatewayKeyFile.read(config.privateKeyFile()), timeout, connections, json);
        }
        return new Senders(fcm, apns, hms, gateway, properties.http().maxConcurrency(), metrics);
    }
}
