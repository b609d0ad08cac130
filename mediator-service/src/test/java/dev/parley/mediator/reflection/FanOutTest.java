package dev.parley.mediator.reflection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final byte[] A = {1};
    private static final byte[] B = {2};

    private static FanOut.Source reflect(byte[] group, long sender, int marker) {
        return new FanOut.Source(group, sender, 0, 1000 + marker, new byte[] {(byte) marker});
    }

    @Test
    void everyOtherSlotOfTheGroupGetsEachReflectWithConsecutiveIdsInStorageOrder() {
        List<FanOut.Slot> slots = List.of(new FanOut.Slot(A, 1, 10, 0), new FanOut.Slot(A, 2, 40, 3),
                new FanOut.Slot(A, 3, 0, 0), new FanOut.Slot(B, 1, 7, 0));
        FanOut.Plan plan = FanOut.plan(slots, java.util.Map.of(), List.of(reflect(A, 1, 1), reflect(A, 2, 2), reflect(A, 1, 3)), 100);

        assertThat(plan.rows()).extracting(FanOut.Row::deviceId, FanOut.Row::reflectedId, r -> r.envelope()[0])
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, 41L, (byte) 1),
                        org.assertj.core.groups.Tuple.tuple(3L, 1L, (byte) 1),
                        org.assertj.core.groups.Tuple.tuple(1L, 11L, (byte) 2),
                        org.assertj.core.groups.Tuple.tuple(3L, 2L, (byte) 2),
                        org.assertj.core.groups.Tuple.tuple(2L, 42L, (byte) 3),
                        org.assertj.core.groups.Tuple.tuple(3L, 3L, (byte) 3));
        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.groupId()).isEqualTo(A));
        assertThat(plan.slots()).extracting(FanOut.SlotUpdate::deviceId, FanOut.SlotUpdate::nextReflectedId,
                        FanOut.SlotUpdate::queueLength, FanOut.SlotUpdate::overflowed)
                .as("each changed slot written once; the other group's slot untouched")
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, 11L, 1, false),
                        org.assertj.core.groups.Tuple.tuple(2L, 42L, 5, false),
                        org.assertj.core.groups.Tuple.tuple(3L, 3L, 3, false));
    }

    @Test
    void aFullQueueIsMarkedOverflowedAndGetsNothingMore() {
        List<FanOut.Slot> slots = List.of(new FanOut.Slot(A, 1, 0, 0), new FanOut.Slot(A, 2, 5, 2));
        FanOut.Plan plan = FanOut.plan(slots, java.util.Map.of(), List.of(reflect(A, 1, 1), reflect(A, 1, 2),
                reflect(A, 1, 3), reflect(A, 1, 4)), 3);

        assertThat(plan.rows()).extracting(FanOut.Row::reflectedId).containsExactly(6L);
        assertThat(plan.slots()).singleElement().satisfies(u -> {
            assertThat(u.deviceId()).isEqualTo(2);
            assertThat(u.overflowed()).isTrue();
        });
    }

    @Test
    void aGroupWithOnlyTheSenderStoresNothing() {
        FanOut.Plan plan = FanOut.plan(List.of(new FanOut.Slot(A, 1, 0, 0)), java.util.Map.of(), List.of(reflect(A, 1, 1)), 10);
        assertThat(plan.rows()).isEmpty();
        assertThat(plan.slots()).isEmpty();
    }

    @Test
    void ackedRowsShrinkTheQueueBeforeTheBatchsReflectsGrowIt() {
        List<FanOut.Slot> slots = List.of(new FanOut.Slot(A, 1, 0, 0), new FanOut.Slot(A, 2, 9, 3),
                new FanOut.Slot(A, 3, 4, 1));
        FanOut.Plan plan = FanOut.plan(slots, java.util.Map.of(FanOut.SlotKey.of(new byte[] {1}, 2), 3,
                FanOut.SlotKey.of(new byte[] {1}, 3), 5), List.of(reflect(A, 2, 1)), 3);

        assertThat(plan.slots()).extracting(FanOut.SlotUpdate::deviceId, FanOut.SlotUpdate::nextReflectedId,
                        FanOut.SlotUpdate::queueLength)
                .as("a full queue that acks emptied takes the reflect; a count never goes below zero")
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, 1L, 1),
                        org.assertj.core.groups.Tuple.tuple(2L, 9L, 0),
                        org.assertj.core.groups.Tuple.tuple(3L, 5L, 1));
        assertThat(plan.rows()).extracting(FanOut.Row::deviceId).containsExactly(1L, 3L);
    }
}
