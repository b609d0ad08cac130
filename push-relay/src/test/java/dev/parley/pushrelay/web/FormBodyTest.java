package dev.parley.pushrelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static FormBody parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstOccurrenceWins() {
        assertThat(parse("a=1&b=2&a=3").first("a")).isEqualTo("1");
    }

    @Test
    void decodesPercentAndPlusLeniently() {
        FormBody form = parse("k=a+b%20c%zz%4&%C3%A4=%E2%82%AC&flag&=empty");
        assertThat(form.first("k")).isEqualTo("a b c%zz%4");
        assertThat(form.first("ä")).isEqualTo("€");
        assertThat(form.first("flag")).isEmpty();
        assertThat(form.first("")).isEqualTo("empty");
        assertThat(form.first("missing")).isNull();
    }

    @Test
    void emptyPiecesAreSkipped() {
        assertThat(parse("").isEmpty()).isTrue();
        assertThat(parse("&&").isEmpty()).isTrue();
        assertThat(parse("&a=1&").first("a")).isEqualTo("1");
    }
}
