package dev.parley.pushrelay.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Fresh provider credentials for tests: a Google-style service account and an APNs .p8 key. */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** A service-account key file as Google issues it, base64-encoded as the relay's config wants it. */
    public static String serviceAccountBase64(KeyPair pair, String tokenUri) {
        String json = "{\"type\":\"service_account\",\"project_id\":\"parley-test\",\"client_email\":"
                + "\"relay@parley-test.iam.gserviceaccount.com\",\"private_key\":\"" + pem(pair).replace("\n", "\\n")
                + "\",\"token_uri\":\"" + tokenUri + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Verifies a compact JWS and returns its decoded claims JSON. */
    public static String verifyJwt(String jwt, PublicKey key, String jdkAlgorithm) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWS: " + parts.length + " parts");
        }
        try {
            Signature signature = Signature.getInstance(jdkAlgorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("JWT signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    public static String jwtHeader(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
