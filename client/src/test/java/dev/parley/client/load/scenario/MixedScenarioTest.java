package dev.parley.client.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MixedScenarioTest {

    @Test
    void theScheduleHoldsTheProportionsAndSpreadsThem() {
        int[] slots = MixedScenario.schedule(new int[] {70, 20, 10});
        assertThat(slots).hasSize(100);
        int[] counts = new int[3];
        for (int s : slots) {
            counts[s]++;
        }
        assertThat(counts).containsExactly(70, 20, 10);
        // Evenly interleaved: the 10 % part never comes twice within 5 slots.
        int last = -100;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == 2) {
                assertThat(i - last).isGreaterThanOrEqualTo(5);
                last = i;
            }
        }
    }

    @Test
    void weightsMustAddUp() {
        assertThatThrownBy(() -> MixedScenario.schedule(new int[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
    }
}
