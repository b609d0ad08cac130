package dev.parley.directory.oppf;

import dev.parley.common.crypto.Ed25519;
import dev.parley.directory.DirectoryProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the signed provisioning document (PROTOCOLS.md §1.9): the JSON text, a {@code \n}, and
 * the base64 Ed25519 signature over the UTF-8 bytes of the JSON text, with no newline after the
 * signature (Android splits at the last {@code \n} and a trailing one breaks verification).
 */
public final class OppfDocument {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OppfDocument() {
    }

    public static String signed(DirectoryProperties.Oppf config, OppfSigningKey key) {
        String text = JSON.writeValueAsString(content(config, key.publicKey()));
        byte[] signature = Ed25519.sign(key.secretSeed(), text.getBytes(StandardCharsets.UTF_8));
        return text + "\n" + Base64.getEncoder().encodeToString(signature);
    }

    static Map<String, Object> content(DirectoryProperties.Oppf config, byte[] signingPublicKey) {
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", config.version());
        doc.put("signatureKey", b64.encodeToString(signingPublicKey));
        doc.put("refresh", config.refresh());
        doc.put("license", ordered("id", config.licenseId(), "expires", config.licenseExpires(), "count", config.licenseCount()));
        doc.put("chat", ordered("hostname", config.chatHostname(), "publicKey", config.chatPublicKey(), "ports", config.chatPorts()));
        doc.put("directory", ordered("url", config.directoryUrl()));
        doc.put("blob", ordered("uploadUrl", config.blobUploadUrl(), "downloadUrl", config.blobDownloadUrl(),
                "doneUrl", config.blobDoneUrl()));
        doc.put("work", ordered("url", config.workUrl()));
        doc.put("avatar", ordered("url", config.avatarUrl()));
        doc.put("safe", ordered("url", config.safeUrl()));
        if (config.mediatorUrl() != null) {
            doc.put("mediator", ordered("url", config.mediatorUrl()));
        }
        if (config.rendezvousUrl() != null) {
            doc.put("rendezvous", ordered("url", config.rendezvousUrl()));
        }
        return doc;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
