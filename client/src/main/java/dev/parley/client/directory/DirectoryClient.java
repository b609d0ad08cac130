package dev.parley.client.directory;

import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.common.crypto.Sha256;
import dev.parley.common.crypto.X25519;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Client of the directory API (PROTOCOLS.md §1) as the mobile apps use it: JSON over HTTP,
 * challenge/response with the identity's key. Thread-safe; one instance per directory.
 */
public final class DirectoryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private final String userAgent;

    /** @param base the directory base URL, ending with {@code /} */
    public DirectoryClient(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), "Parley/0.1");
    }

    public DirectoryClient(URI base, HttpClient http, String userAgent) {
        if (!base.toString().endsWith("/")) {
            throw new IllegalArgumentException("base URL must end with /");
        }
        this.base = base;
        this.http = http;
        this.userAgent = userAgent;
    }

    /** Creates an identity for a fresh key pair (open registration). */
    public IdentityCredentials createIdentity() throws IOException, DirectoryException {
        return createIdentity(X25519.generateKeyPair(), Map.of());
    }

    /** Creates an identity for {@code keys}; {@code licence} holds e.g. {@code licenseKey} or Work credentials. */
    public IdentityCredentials createIdentity(X25519.KeyPair keys, Map<String, String> licence)
            throws IOException, DirectoryException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("publicKey", b64(keys.publicKey()));
        JsonNode challenge = post("identity/create", fields);
        fields.put("deviceId", "parley-client");
        fields.putAll(licence);
        JsonNode result = successful(post("identity/create", answer(fields, challenge, keys.secretKey())));
        return new IdentityCredentials(result.get("identity").stringValue(), result.get("serverGroup").stringValue(), keys);
    }

    /** The identity's public data; empty when the directory does not know it (404). */
    public Optional<PublicIdentity> fetch(String identity) throws IOException, DirectoryException {
        HttpResponse<String> response = send(request("identity/" + identity).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(publicIdentity(parse(response)));
    }

    /** The known, non-revoked identities among {@code identities}. */
    public List<PublicIdentity> fetchBulk(List<String> identities) throws IOException, DirectoryException {
        JsonNode result = post("identity/fetch_bulk", Map.of("identities", identities));
        List<PublicIdentity> found = new ArrayList<>();
        for (JsonNode node : result.get("identities")) {
            found.add(publicIdentity(node));
        }
        return found;
    }

    public void setFeatureMask(IdentityCredentials me, long mask) throws IOException, DirectoryException {
        successful(challenged("identity/set_featuremask", Map.of("identity", me.identity(), "featureMask", mask), me));
    }

    /** A match token for {@link #match}. */
    public String matchToken(IdentityCredentials me) throws IOException, DirectoryException {
        return successful(challenged("identity/match_token", Map.of("identity", me.identity()), me))
                .get("matchToken").stringValue();
    }

    /** Matches address books; the addresses are hashed here and only the hashes are sent. */
    public List<ContactMatch> match(String matchToken, List<String> emails, List<String> e164Numbers)
            throws IOException, DirectoryException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("matchToken", matchToken);
        fields.put("emailHashes", emails.stream().map(e -> b64(ContactHashing.email(e))).toList());
        fields.put("mobileNoHashes", e164Numbers.stream().map(n -> b64(ContactHashing.phone(n))).toList());
        JsonNode result = post("identity/match", fields);
        if (!result.has("checkInterval")) {
            throw failure(result);
        }
        List<ContactMatch> matches = new ArrayList<>();
        for (JsonNode node : result.get("identities")) {
            matches.add(new ContactMatch(node.get("identity").stringValue(), unb64(node.get("publicKey")),
                    node.has("emailHash") ? unb64(node.get("emailHash")) : null,
                    node.has("mobileNoHash") ? unb64(node.get("mobileNoHash")) : null));
        }
        return matches;
    }

    /**
     * Starts linking {@code email} (an empty string unlinks). False when it was linked already;
     * otherwise the directory has mailed a confirmation link.
     */
    public boolean linkEmail(IdentityCredentials me, String email, String lang) throws IOException, DirectoryException {
        Map<String, Object> fields = Map.of("identity", me.identity(), "email", email, "lang", lang);
        JsonNode phaseOne = post("identity/link_email", fields);
        if (!phaseOne.has("linked")) {
            throw failure(phaseOne);
        }
        if (phaseOne.get("linked").booleanValue()) {
            return false;
        }
        successful(post("identity/link_email", answer(fields, phaseOne, me.keys().secretKey())));
        return true;
    }

    /** Whether {@code email} is the identity's linked address. */
    public boolean isEmailLinked(IdentityCredentials me, String email) throws IOException, DirectoryException {
        JsonNode result = post("identity/link_email", Map.of("identity", me.identity(), "email", email));
        if (!result.has("linked")) {
            throw failure(result);
        }
        return result.get("linked").booleanValue();
    }

    /** Starts linking a mobile number; returns the verification ID for {@link #verifyMobileNo}, or empty if linked already. */
    public Optional<String> linkMobileNo(IdentityCredentials me, String e164, String lang) throws IOException, DirectoryException {
        Map<String, Object> fields = Map.of("identity", me.identity(), "mobileNo", e164, "lang", lang, "httpsUrl", true);
        JsonNode phaseOne = post("identity/link_mobileno", fields);
        if (!phaseOne.has("linked")) {
            throw failure(phaseOne);
        }
        if (phaseOne.get("linked").booleanValue()) {
            return Optional.empty();
        }
        JsonNode result = successful(post("identity/link_mobileno", answer(fields, phaseOne, me.keys().secretKey())));
        return Optional.ofNullable(result.get("verificationId")).map(JsonNode::stringValue);
    }

    public void verifyMobileNo(String verificationId, String code) throws IOException, DirectoryException {
        successful(post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", code)));
    }

    public void requestVerificationCall(String verificationId) throws IOException, DirectoryException {
        successful(post("identity/link_mobileno_call", Map.of("verificationId", verificationId)));
    }

    /** The identity's server group, as the directory keeps it (the mediator URL names it). */
    public String serverGroup(IdentityCredentials me) throws IOException, DirectoryException {
        return successful(challenged("identity/fetch_priv", Map.of("identity", me.identity()), me))
                .get("serverGroup").stringValue();
    }

    /** Sets the revocation password: the directory stores the first 4 bytes of its SHA-256. */
    public void setRevocationPassword(IdentityCredentials me, String password) throws IOException, DirectoryException {
        successful(challenged("identity/set_revocation_key",
                Map.of("identity", me.identity(), "revocationKey", revocationKey(password)), me));
    }

    public RevocationKeyStatus checkRevocationKey(IdentityCredentials me) throws IOException, DirectoryException {
        JsonNode result = challenged("identity/check_revocation_key", Map.of("identity", me.identity()), me);
        if (!result.has("revocationKeySet")) {
            throw failure(result);
        }
        if (!result.get("revocationKeySet").booleanValue()) {
            return new RevocationKeyStatus(false, null);
        }
        try {
            // The same pattern the Android app parses with.
            return new RevocationKeyStatus(true,
                    new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssZ").parse(result.get("lastChanged").stringValue()));
        } catch (ParseException e) {
            throw new DirectoryException("unparsable lastChanged: " + result.get("lastChanged"), 200);
        }
    }

    /** Revokes the identity with its own key. */
    public void revoke(IdentityCredentials me) throws IOException, DirectoryException {
        successful(challenged("identity/revoke", Map.of("identity", me.identity()), me));
    }

    /** Revokes an identity with its revocation password (no key needed). */
    public void revokeWithPassword(String identity, String password) throws IOException, DirectoryException {
        successful(post("identity/ws/revoke", Map.of("identity", identity, "revocationKey", revocationKey(password))));
    }

    static String revocationKey(String password) {
        return b64(Arrays.copyOf(Sha256.hash(password.getBytes(StandardCharsets.UTF_8)), 4));
    }

    private JsonNode challenged(String path, Map<String, Object> fields, IdentityCredentials me)
            throws IOException, DirectoryException {
        JsonNode phaseOne = post(path, fields);
        if (!phaseOne.has("token")) {
            throw failure(phaseOne);
        }
        return post(path, answer(fields, phaseOne, me.keys().secretKey()));
    }

    private static Map<String, Object> answer(Map<String, Object> fields, JsonNode challenge, byte[] secretKey)
            throws DirectoryException {
        if (!challenge.has("token") || !challenge.has("tokenRespKeyPub")) {
            throw failure(challenge);
        }
        byte[] token = unb64(challenge.get("token"));
        byte[] response = ProtocolKeys.directoryChallengeResponse(secretKey, unb64(challenge.get("tokenRespKeyPub")),
                DirectoryRealm.CONSUMER, token);
        Map<String, Object> answer = new LinkedHashMap<>(fields);
        answer.put("token", b64(token));
        answer.put("response", b64(response));
        return answer;
    }

    private JsonNode post(String path, Object body) throws IOException, DirectoryException {
        HttpRequest request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return parse(send(request));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("User-Agent", userAgent)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) throws DirectoryException {
        if (response.statusCode() != 200) {
            throw new DirectoryException("HTTP " + response.statusCode(), response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new DirectoryException("malformed response", response.statusCode());
        }
    }

    private static JsonNode successful(JsonNode result) throws DirectoryException {
        if (!result.path("success").asBoolean(false)) {
            throw failure(result);
        }
        return result;
    }

    private static DirectoryException failure(JsonNode result) {
        JsonNode error = result.get("error");
        return new DirectoryException(error == null ? "request failed" : error.asString(), 200);
    }

    private static PublicIdentity publicIdentity(JsonNode node) {
        return new PublicIdentity(node.get("identity").stringValue(), unb64(node.get("publicKey")),
                node.path("featureMask").asLong(0), node.path("state").asInt(0), node.path("type").asInt(0));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unb64(JsonNode node) {
        return Base64.getDecoder().decode(node.stringValue());
    }
}
