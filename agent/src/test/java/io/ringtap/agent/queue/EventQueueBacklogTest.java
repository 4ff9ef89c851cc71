package io.ringtap.agent.queue;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ringtap.agent.queue.QueueFixtures.cdc;
import static org.assertj.core.api.Assertions.assertThat;

/** queue.max-bytes bounds what is not yet forwarded (the backlog), not the queue's files. */
class EventQueueBacklogTest {
    private static final int VALUE_BYTES = 1000;

    @TempDir
    Path dir;

    @Test
    void should_count_the_content_of_every_excerpt_not_the_sparse_file_when_nothing_is_forwarded() throws Exception {
        // Given 100 excerpts of about 1 kB each
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            appendKilobytes(queue, 100);

            // When / Then: about 100 kB, far below the current file's mapped length
            assertThat(queue.backlogBytes()).isBetween(100L * VALUE_BYTES, 100L * VALUE_BYTES + 200_000);
            assertThat(queue.bytes()).isGreaterThan(10_000_000L);
        }
    }

    @Test
    void should_count_only_the_excerpts_after_the_forwarded_mark_when_one_exists() throws Exception {
        // Given 100 excerpts of about 1 kB
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            long[] index = appendKilobytes(queue, 100);
            long all = queue.backlogBytes();

            // When the first 60 are forwarded
            queue.forwardedMark().write(index[59]);

            // Then the backlog is the last 40 (each excerpt is the value plus a few dozen bytes of framing)
            long backlog = queue.backlogBytes();
            assertThat(backlog).isBetween(40L * VALUE_BYTES, 40L * (VALUE_BYTES + 400));
            assertThat(all - backlog).isBetween(60L * VALUE_BYTES, 60L * (VALUE_BYTES + 400) + 200_000);

            // and nothing once the last is forwarded
            queue.forwardedMark().write(index[99]);
            assertThat(queue.backlogBytes()).isZero();
        }
    }

    @Test
    void should_count_the_rest_of_the_marked_file_and_the_later_ones_when_the_mark_is_in_a_rolled_cycle()
            throws Exception {
        // Given 10 excerpts in a one-second cycle, 20 in a later one
        try (EventQueue queue = EventQueue.open(dir, "TEST_SECONDLY", 0)) {
            long[] first = appendKilobytes(queue, 10);
            Thread.sleep(1100);
            long[] later = appendKilobytes(queue, 20);
            assertThat(queue.rollCycleOf(later[0])).isGreaterThan(queue.rollCycleOf(first[4]));

            // When the first 5 are forwarded, then all 10 of the rolled cycle
            queue.forwardedMark().write(first[4]);
            long afterFive = queue.backlogBytes();
            queue.forwardedMark().write(first[9]);
            long afterTen = queue.backlogBytes();

            // Then the first counts 5 more excerpts than the second (plus one file's header and index pages,
            // about 260 kB, should the two straddle a cycle), and neither counts a file's mapped length
            assertThat(afterFive - afterTen).isBetween(5L * VALUE_BYTES, 5L * (VALUE_BYTES + 400) + 300_000);
            assertThat(afterTen).isBetween(20L * VALUE_BYTES, 20L * (VALUE_BYTES + 400) + 3 * 300_000);
        }
    }

    @Test
    void should_count_from_the_oldest_file_when_the_marked_entry_is_no_longer_in_the_queue() throws Exception {
        // Given a mark naming an index before anything the queue holds (its file was deleted)
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            long[] index = appendKilobytes(queue, 10);
            queue.forwardedMark().write(index[0] - 1);

            // Then every excerpt counts
            assertThat(queue.backlogBytes()).isGreaterThanOrEqualTo(10L * VALUE_BYTES);
        }
    }

    @Test
    void should_resume_a_waiting_append_when_the_forwarder_catches_up_within_one_cycle() throws Exception {
        // Given 30 kB of backlog, all in the current (sparse, ~80 MB) file, reopened with a cap of 20 kB
        long[] index;
        try (EventQueue uncapped = EventQueue.open(dir, null, 0)) {
            index = appendKilobytes(uncapped, 30);
        }
        try (EventQueue queue = EventQueue.open(dir, null, 20_000)) {
            assertThat(queue.isFull()).isTrue();
            CountDownLatch done = new CountDownLatch(1);
            Thread capture = new Thread(() -> {
                try {
                    queue.append(cdc(9L, 1, kilobyteEvent(999)));
                    done.countDown();
                } catch (InterruptedException e) {
                    // the test fails on the latch
                }
            });
            capture.start();
            assertThat(done.await(400, TimeUnit.MILLISECONDS)).as("append waits at the cap").isFalse();

            // When the forwarder commits everything (the mark moves; no file can be deleted)
            queue.forwardedMark().write(index[29]);

            // Then the append goes through
            assertThat(done.await(5, TimeUnit.SECONDS)).as("append resumed").isTrue();
            assertThat(queue.isFull()).isFalse();
            assertThat(queue.entries()).isEqualTo(31);
        }
    }

    @Test
    void should_ignore_a_torn_mark_file() throws Exception {
        // Given a mark file with garbage
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            appendKilobytes(queue, 3);
            Files.writeString(dir.resolve(ForwardedMark.FILE_NAME), "12ab");

            // Then it reads as no mark and everything counts
            assertThat(queue.forwardedMark().read()).isEqualTo(ForwardedMark.NONE);
            assertThat(queue.backlogBytes()).isGreaterThanOrEqualTo(3L * VALUE_BYTES);
        }
    }

    private static long[] appendKilobytes(EventQueue queue, int n) throws InterruptedException {
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            index[i] = queue.append(cdc(1L, i, kilobyteEvent(i)));
        }
        return index;
    }

    private static EavEvent kilobyteEvent(int i) {
        String json = "{\"id\":\"" + i + "\",\"value\":\"" + "x".repeat(VALUE_BYTES - 40) + "\"}";
        return new EavEvent(Integer.toString(i), Op.CELL, "ks", "t", "{\"k\":1}", json);
    }
}
