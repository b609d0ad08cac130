package dev.parley.directory.linking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LoggingSmsProviderTest {

    @Test
    void logsTheCodeButNotTheWholeNumber(CapturedOutput output) {
        SmsProviders.logging().send(SmsProvider.Kind.SMS, "41791234567", "12345678", "Your code: 12345678").block();

        assertThat(output.getAll()).contains("12345678", "ending 567").doesNotContain("41791234567");
    }

    @Test
    void templateValuesAreJsonEscaped() {
        assertThat(SmsProviders.json("a\"b\\c\n\u0001")).isEqualTo("a\\\"b\\\\c\\n\\u0001");
    }
}
