package dev.parley.service.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

    /** Writes into a list; the first batch waits for {@code release}, so the queue can fill up behind it. */
    private static final class ListWriter extends GroupCommitWriter<String> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        ListWriter(long maxQueuedWeight) {
            super("test-writer", 100, 1000, maxQueuedWeight);
        }

        CompletableFuture<Void> add(String item, long weight) {
            return submit(item, weight);
        }

        @Override
        protected void write(List<String> batch) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch);
        }
    }

    private ListWriter writer;

    @AfterEach
    void stop() {
        writer.stop();
    }

    @Test
    void itemsArriveInSubmissionOrderInFewBatchesAndEachCallerLearnsItsItemIsWritten() throws Exception {
        writer = new ListWriter(Long.MAX_VALUE);
        writer.start();
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            written.add(writer.add("item" + i, 0));
        }
        writer.release.countDown();
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<String> all = writer.batches.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(50).startsWith("item0", "item1").endsWith("item49");
        assertThat(writer.batches.size()).as("the items waiting behind the first batch go as one").isLessThanOrEqualTo(3);
    }

    @Test
    void weightBeyondTheBudgetIsRefusedAtOnceAndTheBudgetComesBackOnceWritten() throws Exception {
        writer = new ListWriter(100);
        writer.start();
        CompletableFuture<Void> first = writer.add("a", 60);
        CompletableFuture<Void> second = writer.add("b", 30);
        CompletableFuture<Void> refused = writer.add("c", 20);
        assertThat(refused).isCompletedExceptionally();

        writer.release.countDown();
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
        writer.add("d", 90).get(10, TimeUnit.SECONDS);
        assertThat(writer.batches.stream().flatMap(List::stream).toList()).contains("a", "b", "d").doesNotContain("c");
    }
}
