package io.ringtap.agent.queue;

import io.ringtap.agent.eav.EavEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringtap.agent.queue.QueueFixtures.cdc;
import static io.ringtap.agent.queue.QueueFixtures.event;
import static io.ringtap.agent.queue.QueueFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {

    @TempDir
    Path dir;

    @Test
    void should_read_back_every_field_in_order_when_mutations_were_appended() throws Exception {
        // Given
        EavEvent a = event("0000000000000000000000000000000a", "c1", 1);
        EavEvent b = event("0000000000000000000000000000000b", "c2", 2);
        EavEvent c = event("0000000000000000000000000000000c", "c3", 3);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            // When
            long first = queue.append(cdc(17L, 120, a, b));
            long second = queue.append(trigger(c));

            // Then
            try (EventQueue.QueueReader reader = queue.reader()) {
                QueueEntry e1 = reader.next();
                assertThat(e1.index()).isEqualTo(first);
                assertThat(e1.source().capture()).isEqualTo("cdc");
                assertThat(e1.source().node()).isEqualTo("host-1");
                assertThat(e1.source().dc()).isEqualTo("dc1");
                assertThat(e1.source().segment()).isEqualTo(17L);
                assertThat(e1.source().position()).isEqualTo(120);
                assertThat(e1.events()).containsExactly(a, b);
                assertThat(e1.events().get(1).json()).isEqualTo(b.json());
                assertThat(e1.events().get(1).recordKey()).isEqualTo("{\"k\":1}");

                QueueEntry e2 = reader.next();
                assertThat(e2.index()).isEqualTo(second);
                assertThat(e2.source().capture()).isEqualTo("trigger");
                assertThat(e2.source().hasPosition()).isFalse();
                assertThat(e2.events()).containsExactly(c);

                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void should_resume_after_given_index_when_reader_after_is_used() throws Exception {
        // Given
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            long i1 = queue.append(cdc(1L, 10, event("00000000000000000000000000000001", "a", 1)));
            queue.append(cdc(1L, 20, event("00000000000000000000000000000002", "a", 2)));

            // When
            List<Integer> positions = new ArrayList<>();
            try (EventQueue.QueueReader reader = queue.readerAfter(i1)) {
                for (QueueEntry e = reader.next(); e != null; e = reader.next()) {
                    positions.add(e.source().position());
                }
            }

            // Then
            assertThat(positions).containsExactly(20);
        }
    }

    @Test
    void should_return_last_cdc_position_when_trigger_excerpts_follow_it() throws Exception {
        // Given
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            queue.append(cdc(5L, 100, event("00000000000000000000000000000001", "a", 1)));
            queue.append(trigger(event("00000000000000000000000000000002", "a", 2)));
            queue.append(cdc(6L, 42, event("00000000000000000000000000000003", "a", 3)));
            queue.append(trigger(event("00000000000000000000000000000004", "a", 4)));
            queue.append(trigger(event("00000000000000000000000000000005", "a", 5)));

            // When / Then
            assertThat(queue.lastCdcPosition()).contains(new CdcPosition(6L, 42));
        }
        // and the position survives a reopen
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            assertThat(queue.lastCdcPosition()).contains(new CdcPosition(6L, 42));
        }
    }

    @Test
    void should_have_no_resume_point_when_queue_is_empty_or_holds_only_triggers() throws Exception {
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            assertThat(queue.lastCdcPosition()).isEmpty();
            queue.append(trigger(event("00000000000000000000000000000001", "a", 1)));
            assertThat(queue.lastCdcPosition()).isEmpty();
        }
    }

    @Test
    void should_block_append_when_queue_is_over_max_bytes_until_interrupted() throws Exception {
        // Given a cap already exceeded by the store file itself
        try (EventQueue queue = EventQueue.open(dir, null, 1)) {
            queue.append(cdc(1L, 1, event("00000000000000000000000000000001", "a", 1)));
            assertThat(queue.isFull()).isTrue();

            // When a second append runs on another thread
            AtomicLong outcome = new AtomicLong(0);
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    queue.append(cdc(1L, 2, event("00000000000000000000000000000002", "a", 2)));
                    outcome.set(1);
                } catch (InterruptedException e) {
                    outcome.set(2);
                }
                done.countDown();
            });
            t.start();

            // Then it waits, and an interrupt ends the wait without writing
            assertThat(done.await(500, TimeUnit.MILLISECONDS)).isFalse();
            t.interrupt();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(outcome.get()).isEqualTo(2);
            try (EventQueue.QueueReader reader = queue.reader()) {
                assertThat(reader.next().source().position()).isEqualTo(1);
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void should_read_back_each_excerpt_whole_when_one_thread_appends_a_large_one_between_small_ones() throws Exception {
        // Given: a mutation far larger than the per-thread encoding buffer is kept at (64 KiB), with non-ASCII text
        char[] big = new char[100_000];
        java.util.Arrays.fill(big, 'é');
        String column = new String(big);
        EavEvent small1 = event("00000000000000000000000000000001", "a", 1);
        EavEvent large = event("00000000000000000000000000000002", column, 2);
        EavEvent small2 = event("00000000000000000000000000000003", "b", 3);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            // When the same thread appends small, large, small
            queue.append(trigger(small1));
            queue.append(cdc(5L, 9, large));
            queue.append(trigger(small2));

            // Then each excerpt reads back whole, nothing of the large one leaks into the next
            try (EventQueue.QueueReader reader = queue.reader()) {
                assertThat(reader.next().events()).extracting(EavEvent::json).containsExactly(small1.json());
                QueueEntry second = reader.next();
                assertThat(second.source().position()).isEqualTo(9);
                assertThat(second.events()).extracting(EavEvent::json).containsExactly(large.json());
                assertThat(reader.next().events()).extracting(EavEvent::json).containsExactly(small2.json());
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void should_proceed_when_space_frees_up() throws Exception {
        // Given a queue whose size is over its cap
        AtomicLong size = new AtomicLong(1000);
        try (EventQueue queue = EventQueue.open(dir, null, 500, size::get)) {
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    queue.append(cdc(3L, 7, event("00000000000000000000000000000007", "a", 7)));
                    done.countDown();
                } catch (InterruptedException e) {
                    // test fails on the latch
                }
            });
            t.start();
            assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse();

            // When space frees up
            size.set(100);

            // Then the append completes and the excerpt is there
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.lastCdcPosition()).contains(new CdcPosition(3L, 7));
        }
    }

    @Test
    void should_not_exist_when_directory_is_empty_or_missing() {
        assertThat(EventQueue.exists(dir)).isFalse();
        assertThat(EventQueue.exists(dir.resolve("nope"))).isFalse();
    }
}
