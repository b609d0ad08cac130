package dev.parley.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.directory}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.directory")
@Validated
public record DirectoryProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @DefaultValue Oppf oppf,
        @Valid @DefaultValue Challenge challenge,
        @Valid @DefaultValue Identity identity,
        @Valid @DefaultValue Revocation revocation,
        @Valid @DefaultValue Matching matching,
        @Valid @DefaultValue Linking linking,
        @Valid @DefaultValue Work work,
        @Valid @DefaultValue Turn turn,
        @Valid @DefaultValue Sfu sfu) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /**
     * The provisioning document ({@code GET /config.oppf}): the Ed25519 key that signs it (when
     * {@code signingKeyFile} is unset the service starts without one and serves no document) and
     * what it announces. URLs end with {@code /} where clients append paths.
     */
    public record Oppf(
            Path signingKeyFile,
            @DefaultValue("1.0") @Pattern(regexp = "1\\..*") String version,
            @DefaultValue("86400") @Min(1800) int refresh,
            @DefaultValue("parley") @NotBlank String licenseId,
            @DefaultValue("2099-12-31") @NotBlank String licenseExpires,
            @DefaultValue("1000") @Min(1) int licenseCount,
            @DefaultValue("localhost") @NotBlank String chatHostname,
            @DefaultValue("5222") List<Integer> chatPorts,
            String chatPublicKey,
            @DefaultValue("http://localhost:8081/") @NotBlank String directoryUrl,
            @DefaultValue("http://localhost:8082/upload") @NotBlank String blobUploadUrl,
            @DefaultValue("http://localhost:8082/{blobId}") @NotBlank String blobDownloadUrl,
            @DefaultValue("http://localhost:8082/{blobId}/done") @NotBlank String blobDoneUrl,
            @DefaultValue("http://localhost:8083/") @NotBlank String safeUrl,
            @DefaultValue("http://localhost:8081/") @NotBlank String workUrl,
            @DefaultValue("http://localhost:8082/avatar/") @NotBlank String avatarUrl,
            String mediatorUrl,
            String rendezvousUrl) {
    }

    /** Challenge/response tokens: how long a token may be answered. */
    public record Challenge(@DefaultValue("60s") @NotNull Duration ttl) {
    }

    /**
     * Identity creation: the server group new identities get, the licence check ({@code open},
     * {@code license-key} or {@code work}) and, for {@code license-key}, the accepted keys.
     */
    public record Identity(
            @DefaultValue("0") @NotNull @Pattern(regexp = "[0-9a-zA-Z]{1,16}") String serverGroup,
            @DefaultValue("open") @NotNull LicenceMode licenceMode,
            @DefaultValue List<String> licenceKeys) {

        @Override
        public String toString() {
            return "Identity[serverGroup=" + serverGroup + ", licenceMode=" + licenceMode + ", licenceKeys=<redacted>]";
        }
    }

    /** How {@code identity/create} decides whether a client may register. */
    public enum LicenceMode { OPEN, LICENSE_KEY, WORK }

    /** {@code ws/revoke}: attempts per identity per day. */
    public record Revocation(@DefaultValue("3") @Min(1) int attemptsPerDay) {
    }

    /** Contact matching: how long a match token lives and how many hashes one request may carry. */
    public record Matching(@DefaultValue("24h") @NotNull Duration tokenTtl,
                           @DefaultValue("5000") @Min(1) int maxHashes,
                           @DefaultValue("100") @Min(1) int matchesPerTokenPerDay) {
    }

    /**
     * Email and phone linking: where verification links point, the sender address, how long
     * links and codes live, how many verifications an identity may start per day, and the
     * SMS/voice provider.
     */
    public record Linking(
            @DefaultValue("http://localhost:8081/") @NotBlank @Pattern(regexp = "https?://.*/") String publicBaseUrl,
            @DefaultValue("noreply@localhost") @NotBlank String mailFrom,
            @DefaultValue("24h") @NotNull Duration emailLinkTtl,
            @DefaultValue("30m") @NotNull Duration phoneCodeTtl,
            @DefaultValue("5") @Min(1) int verificationsPerDay,
            @DefaultValue("3") @Min(1) int codeAttempts,
            @Valid @DefaultValue Sms sms) {
    }

    /**
     * The SMS/voice provider for phone verification: {@code logging} (writes the code to the
     * log, for a laptop) or {@code webhook} (POSTs the filled-in template to {@code webhookUrl}).
     * Templates may use {@code {to}}, {@code {code}}, {@code {text}} and {@code {kind}}
     * ({@code sms} or {@code call}); values are JSON-escaped.
     */
    public record Sms(
            @DefaultValue("logging") @NotNull SmsProviderKind provider,
            String webhookUrl,
            @DefaultValue("{\"kind\":\"{kind}\",\"to\":\"{to}\",\"text\":\"{text}\",\"code\":\"{code}\"}") @NotBlank String template,
            String webhookAuthorization) {

        @Override
        public String toString() {
            return "Sms[provider=" + provider + ", webhookUrl=" + webhookUrl + ", webhookAuthorization=<redacted>]";
        }
    }

    public enum SmsProviderKind { LOGGING, WEBHOOK }

    /**
     * OnPrem auth tokens ({@code GET auth_token}, {@code identity/blob_cred}): the HMAC secret media
     * and safe share to verify them, and their lifetime. Without a secret {@code auth_token}
     * answers 404 and {@code blob_cred} an application error. Remote secrets: how often apps check
     * theirs and how many checks they may miss before they lock themselves.
     */
    public record Work(@Size(min = 32) String authTokenSecret,
                       @DefaultValue("1h") @NotNull Duration authTokenTtl,
                       @DefaultValue("1h") @NotNull Duration remoteSecretCheckInterval,
                       @DefaultValue("24") @Min(1) @Max(65535) int remoteSecretMissedChecksMax) {

        @Override
        public String toString() {
            return "Work[authTokenSecret=<redacted>, authTokenTtl=" + authTokenTtl + ", remoteSecretCheckInterval="
                    + remoteSecretCheckInterval + ", remoteSecretMissedChecksMax=" + remoteSecretMissedChecksMax + "]";
        }
    }

    /**
     * Group-call SFU credentials ({@code identity/sfu_cred}): the SFU's base URL, the host suffixes
     * clients may be sent to, the HMAC secret the SFU shares to verify the tokens, and their
     * lifetime. Without a base URL and secret the endpoint answers an application error.
     */
    public record Sfu(String baseUrl, @DefaultValue List<String> allowedHostnameSuffixes,
                      @Size(min = 32) String tokenSecret, @DefaultValue("1h") @NotNull Duration tokenTtl) {

        @Override
        public String toString() {
            return "Sfu[baseUrl=" + baseUrl + ", allowedHostnameSuffixes=" + allowedHostnameSuffixes
                    + ", tokenSecret=<redacted>, tokenTtl=" + tokenTtl + "]";
        }
    }

    /**
     * TURN credentials ({@code identity/turn_cred}) in the coturn REST scheme: the shared secret
     * of coturn's {@code static-auth-secret}, the URLs handed out and how long credentials live.
     */
    public record Turn(@DefaultValue List<String> urls, @DefaultValue List<String> urlsDualStack, String secret,
                       @DefaultValue("24h") @NotNull Duration ttl) {

        @Override
        public String toString() {
            return "Turn[urls=" + urls + ", urlsDualStack=" + urlsDualStack + ", secret=<redacted>, ttl=" + ttl + "]";
        }
    }

    /**
     * The internal API (key lookup, admin) on its own port, which ingress never exposes: callers
     * present {@code apiSecret} as a bearer token.
     */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret, @DefaultValue("9181") @Min(0) int port) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>, port=" + port + "]";
        }
    }
}
