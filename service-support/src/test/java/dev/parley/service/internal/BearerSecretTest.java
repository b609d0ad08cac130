package dev.parley.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerSecretTest {

    private static final String SECRET = "an-internal-secret-of-32-characters!";

    @Test
    void acceptsOnlyTheExactBearerHeader() {
        BearerSecret secret = new BearerSecret(SECRET);
        assertThat(secret.accepts("Bearer " + SECRET)).isTrue();
        assertThat(secret.accepts(null)).isFalse();
        assertThat(secret.accepts("")).isFalse();
        assertThat(secret.accepts("Bearer")).isFalse();
        assertThat(secret.accepts("Bearer " + SECRET + " ")).isFalse();
        assertThat(secret.accepts("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(secret.accepts("bearer " + SECRET)).isFalse();
        assertThat(secret.accepts("Basic " + SECRET)).isFalse();
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new BearerSecret(SECRET).toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new BearerSecret("")).isInstanceOf(IllegalArgumentException.class);
    }
}
