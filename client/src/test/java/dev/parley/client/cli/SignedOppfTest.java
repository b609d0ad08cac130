package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signature rules the Android client applies (PROTOCOLS.md §1.9), on documents signed here. */
class SignedOppfTest {

    private final Ed25519.KeyPair signer = Ed25519.generateKeyPair();

    private byte[] document(String json, Ed25519.KeyPair by) {
        String signature = Base64.getEncoder().encodeToString(Ed25519.sign(by.secretKey(),
                json.getBytes(StandardCharsets.UTF_8)));
        return (json + "\n" + signature).getBytes(StandardCharsets.UTF_8);
    }

    private String json(byte[] signatureKey) {
        return "{\n  \"version\" : \"1.0\",\n  \"signatureKey\" : \"" + Base64.getEncoder().encodeToString(signatureKey)
                + "\",\n  \"chat\" : {\"hostname\" : \"chat.example\"}\n}";
    }

    @Test
    void aDocumentSignedWithTheTrustedKeyYieldsTheSignedTextAndItsJson() throws Exception {
        String json = json(signer.publicKey());
        SignedOppf verified = SignedOppf.verify(document(json, signer), signer.publicKey());
        assertThat(verified.text()).isEqualTo(json);
        assertThat(verified.json().path("chat").path("hostname").asString()).isEqualTo("chat.example");
    }

    @Test
    void anotherSignerATamperedTextATrailingNewlineOrAForeignSignatureKeyFail() {
        String json = json(signer.publicKey());
        Ed25519.KeyPair other = Ed25519.generateKeyPair();
        assertThatThrownBy(() -> SignedOppf.verify(document(json, other), signer.publicKey()))
                .isInstanceOf(Parley.UnverifiedException.class);
        byte[] tampered = document(json, signer);
        tampered[json.indexOf("chat.example")] = 'C';
        assertThatThrownBy(() -> SignedOppf.verify(tampered, signer.publicKey()))
                .isInstanceOf(Parley.UnverifiedException.class);
        byte[] signed = document(json, signer);
        byte[] trailing = java.util.Arrays.copyOf(signed, signed.length + 1);
        trailing[signed.length] = '\n';
        assertThatThrownBy(() -> SignedOppf.verify(trailing, signer.publicKey()))
                .isInstanceOf(Parley.UnverifiedException.class);
        // Signed by the trusted key but naming another one: clients refuse it too.
        assertThatThrownBy(() -> SignedOppf.verify(document(json(other.publicKey()), signer), signer.publicKey()))
                .isInstanceOf(Parley.UnverifiedException.class).hasMessageContaining("signatureKey");
    }

    @Test
    void aMalformedTrustedKeyIsAUsageMistake() {
        assertThatThrownBy(() -> SignedOppf.trustedKey("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedOppf.trustedKey(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
