package dev.parley.client.directory;

import dev.parley.common.crypto.Hmac;
import dev.parley.common.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The contact hashes clients send for matching: HMAC-SHA256 with the published keys. */
public final class ContactHashing {

    private static final byte[] EMAIL_KEY = Hex.decode("30a5500fed9701fa6defdb610841900febb8e430881f7ad816826264ec09bad7");
    private static final byte[] PHONE_KEY = Hex.decode("85adf8226953f3d96cfd5d09bf29555eb955fcd8aa5ec4f9fcd869e258370723");

    private ContactHashing() {
    }

    public static byte[] email(String email) {
        return Hmac.sha256(EMAIL_KEY, email.toLowerCase(Locale.ROOT).trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** The number in E.164 form; only its digits are hashed. */
    public static byte[] phone(String e164) {
        return Hmac.sha256(PHONE_KEY, e164.replaceAll("[^0-9]", "").getBytes(StandardCharsets.US_ASCII));
    }
}
