package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedWarningTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L);
    private final RepeatedWarning warning = new RepeatedWarning(LoggerFactory.getLogger(RepeatedWarningTest.class),
            "Refusing uploads", Duration.ofSeconds(10), now::get);
    private final IOException full = new IOException("No space left on device");

    @Test
    void theFirstOccurrenceIsLoggedAndTheRestOncePerInterval() {
        assertThat(warning.occurred(full)).isOne();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(warning.occurred(full)).isZero();
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(warning.occurred(full)).isZero();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(warning.occurred(full)).as("this one and the two before it").isEqualTo(3);
        assertThat(warning.occurred(full)).isZero();
    }
}
