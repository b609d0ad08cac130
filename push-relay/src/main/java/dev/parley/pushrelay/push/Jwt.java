package dev.parley.pushrelay.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/** Compact JWS signing (RFC 7515) for the two provider grants we need: RS256 (Google) and ES256 (Apple). */
public final class Jwt {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /**
     * Signs header and claims. ES256 uses the JDK's P1363 signature format, which is already the
     * raw {@code r || s} that JWS wants (the plain algorithm would give DER).
     */
    public static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String algorithm = header.get("alg").asString();
        String signingInput = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(switch (algorithm) {
                case "RS256" -> "SHA256withRSA";
                case "ES256" -> "SHA256withECDSAinP1363Format";
                default -> throw new IllegalArgumentException("unsupported JWS algorithm " + algorithm);
            });
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new PushException(PushException.Kind.INTERNAL, "cannot sign JWT: " + e.getClass().getSimpleName());
        }
    }
}
