package dev.parley.directory.oppf;

import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.web.NotFoundException;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.oppf}: the signed provisioning document. The document only changes with the
 * configuration, so it is built once. Without a signing key or a chat server public key there is
 * no valid document to serve: 404.
 */
@RestController
public class OppfController {

    private static final Logger log = LoggerFactory.getLogger(OppfController.class);

    private final String document;
    private final int refresh;

    public OppfController(DirectoryProperties properties, ObjectProvider<OppfSigningKey> key) {
        DirectoryProperties.Oppf config = properties.oppf();
        OppfSigningKey signingKey = key.getIfAvailable();
        this.refresh = config.refresh();
        if (signingKey == null || !validChatKey(config.chatPublicKey())) {
            log.info("No provisioning document: needs parley.directory.oppf.signing-key-file and chat-public-key");
            this.document = null;
        } else {
            this.document = OppfDocument.signed(config, signingKey);
        }
    }

    private static boolean validChatKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 32;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.directory.oppf.chat-public-key must be base64 of 32 bytes");
        }
    }

    @GetMapping(path = "config.oppf")
    public ResponseEntity<String> oppf() {
        if (document == null) {
            throw new NotFoundException();
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(Math.min(refresh, 3600))))
                .body(document);
    }
}
