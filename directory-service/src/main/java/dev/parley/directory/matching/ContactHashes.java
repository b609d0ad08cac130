package dev.parley.directory.matching;

import dev.parley.common.crypto.Hmac;
import dev.parley.common.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The contact hashes the clients compute (PROTOCOLS.md §1.5): HMAC-SHA256 with fixed public
 * keys over the normalised address. Only hashes of linked, verified addresses are stored.
 */
public final class ContactHashes {

    private static final byte[] EMAIL_KEY = Hex.decode("30a5500fed9701fa6defdb610841900febb8e430881f7ad816826264ec09bad7");
    private static final byte[] PHONE_KEY = Hex.decode("85adf8226953f3d96cfd5d09bf29555eb955fcd8aa5ec4f9fcd869e258370723");

    private ContactHashes() {
    }

    /** Lower-cased and trimmed, then US-ASCII, as Android normalises. */
    public static byte[] email(String email) {
        return Hmac.sha256(EMAIL_KEY, email.toLowerCase(Locale.ROOT).trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** E.164 without the {@code +}: only the digits are hashed. */
    public static byte[] phone(String number) {
        return Hmac.sha256(PHONE_KEY, digits(number).getBytes(StandardCharsets.US_ASCII));
    }

    public static String digits(String number) {
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
