package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreKeysTest {

    /** The rule as a regular expression: the oracle for the hand-written check. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,127}");

    @ParameterizedTest
    @ValueSource(strings = {"ab", "0f", "a_", "Z-9", "d41d8cd98f00b204e9800998ecf8427e"})
    void acceptsNamesEveryBackendCanUse(String key) {
        assertThat(StoreKeys.check(key)).isEqualTo(key);
        assertThat(StoreKeys.check("a".repeat(128))).hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "-a", "_a", "a/b", "..", "a.b", "a b", "a\u00e9", "a\u0000"})
    void refusesWhatCouldEscapeADirectoryOrBreakAnObjectName(String key) {
        assertThatThrownBy(() -> StoreKeys.check(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.check("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.check(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithTheRuleOnRandomStrings() {
        String good = "aZ09_-";
        String bad = "./ \u00e9";
        Random random = new Random(42);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(132);
            for (int j = 0; j < length; j++) {
                // Mostly allowed characters, so that both answers come up often.
                key.append(random.nextInt(200) == 0 ? bad.charAt(random.nextInt(bad.length()))
                        : good.charAt(random.nextInt(good.length())));
            }
            String candidate = key.toString();
            boolean accepted;
            try {
                StoreKeys.check(candidate);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertThat(accepted).as(candidate).isEqualTo(RULE.matcher(candidate).matches());
            valid += accepted ? 1 : 0;
        }
        assertThat(valid).isBetween(2_000, 18_000);
    }
}
