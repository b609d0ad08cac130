package dev.parley.directory.licence;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.DirectoryProperties.LicenceMode;
import dev.parley.directory.admin.LicenceKeyRepository;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.work.WorkService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** Picks the licence check the configuration names. */
@Configuration(proxyBeanMethods = false)
class LicenceChecks {

    @Bean
    LicenceCheck licenceCheck(DirectoryProperties properties, WorkService work, BlockingJdbc jdbc,
                              LicenceKeyRepository stored) {
        LicenceMode mode = properties.identity().licenceMode();
        return switch (mode) {
            case OPEN -> request -> Mono.just(LicenceCheck.Result.allow());
            case LICENSE_KEY -> orStored(licenceKeys(properties.identity().licenceKeys()), jdbc, stored);
            case WORK -> workCredentials(work);
        };
    }

    /** The configured keys, or else a key added through the admin API. */
    static LicenceCheck orStored(LicenceCheck configured, BlockingJdbc jdbc, LicenceKeyRepository stored) {
        return request -> configured.check(request).flatMap(result -> {
            String key = request.optString("licenseKey", 256);
            if (result.allowed() || key == null) {
                return Mono.just(result);
            }
            return jdbc.call(client -> stored.exists(client, key))
                    .map(found -> found ? LicenceCheck.Result.allow() : result);
        });
    }

    /** Accepts a request whose {@code licenseUsername}/{@code licensePassword} are a Work user's credentials. */
    static LicenceCheck workCredentials(WorkService work) {
        return request -> {
            String username = request.optString("licenseUsername", 256);
            String password = request.optString("licensePassword", 256);
            if (username == null || password == null) {
                return Mono.just(LicenceCheck.Result.refuse("Work credentials required"));
            }
            return work.authenticate(username, password)
                    .map(user -> LicenceCheck.Result.allowWorkUser(user.id()))
                    .defaultIfEmpty(LicenceCheck.Result.refuse("Invalid Work credentials"));
        };
    }

    /** Accepts a request whose {@code licenseKey} is one of the configured keys (compared in constant time). */
    static LicenceCheck licenceKeys(List<String> keys) {
        List<byte[]> accepted = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        return request -> {
            String key = request.optString("licenseKey", 256);
            if (key == null) {
                return Mono.just(LicenceCheck.Result.refuse("License key required"));
            }
            byte[] presented = key.getBytes(StandardCharsets.UTF_8);
            boolean found = false;
            for (byte[] candidate : accepted) {
                found |= candidate.length == presented.length && ConstantTime.equals(candidate, presented);
            }
            return Mono.just(found ? LicenceCheck.Result.allow() : LicenceCheck.Result.refuse("Invalid license key"));
        };
    }
}
