package io.ringtap.agent.queue;

import io.ringtap.agent.forward.ForwardSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class QueueForwardSourceTest {
    @TempDir
    Path dir;

    @Test
    void should_resume_after_index_and_wait_for_appends_when_polling() throws Exception {
        // Given a queue with two entries
        try (EventQueue queue = EventQueue.open(dir, "FAST_HOURLY", 0);
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(1))) {
            long first = queue.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("a", "c", 1)));
            long second = queue.append(QueueFixtures.cdc(1, 200, QueueFixtures.event("b", "c", 2)));

            // When resuming after the first
            source.startAfter(first);
            QueueEntry next = source.poll(100, TimeUnit.MILLISECONDS);

            // Then the second comes, then nothing until a third is appended
            assertThat(next.index()).isEqualTo(second);
            assertThat(next.source().position()).isEqualTo(200);
            assertThat(next.events()).extracting(e -> e.id()).containsExactly("b");
            assertThat(source.poll(30, TimeUnit.MILLISECONDS)).isNull();
            long third = queue.append(QueueFixtures.cdc(1, 300, QueueFixtures.event("c", "c", 3)));
            assertThat(source.poll(100, TimeUnit.MILLISECONDS).index()).isEqualTo(third);
            assertThat(source.lastIndex()).isEqualTo(third);
            assertThat(source.entriesAfter(first)).isEqualTo(2);
            assertThat(source.entriesAfter(ForwardSource.NO_INDEX)).isEqualTo(3);
        }
    }

    @Test
    void should_return_an_entry_appended_while_waiting_when_the_writer_signals() throws Exception {
        // Given a forward source sharing the writer's append signal, waiting on an empty queue
        AppendSignal signal = new AppendSignal();
        try (EventQueue queue = EventQueue.open(dir, "FAST_HOURLY", 0);
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(1), signal)) {
            java.util.concurrent.atomic.AtomicLong appendedIndex = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    appendedIndex.set(queue.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("a", "c", 1))));
                    signal.signal();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            // When an entry is appended and signalled during a 10 s poll
            writer.start();
            QueueEntry entry = source.poll(10, TimeUnit.SECONDS);
            writer.join();

            // Then the poll returns that entry; an idle poll still times out
            assertThat(entry).isNotNull();
            assertThat(entry.index()).isEqualTo(appendedIndex.get());
            assertThat(entry.events()).extracting(e -> e.id()).containsExactly("a");
            assertThat(source.poll(30, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void should_skip_through_committed_index_when_it_is_not_in_the_queue() throws Exception {
        // Given a queue whose entries are all at or before a committed index it does not hold
        try (EventQueue queue = EventQueue.open(dir, "FAST_HOURLY", 0);
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(1))) {
            queue.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("a", "c", 1)));
            long last = queue.append(QueueFixtures.cdc(1, 200, QueueFixtures.event("b", "c", 2)));

            // When resuming after an index beyond the queue's end
            source.startAfter(last + 1);

            // Then nothing is returned until an entry newer than that index arrives (the one at it is skipped)
            assertThat(source.poll(30, TimeUnit.MILLISECONDS)).isNull();
            long atCommitted = queue.append(QueueFixtures.cdc(1, 300, QueueFixtures.event("x", "c", 3)));
            assertThat(atCommitted).isEqualTo(last + 1);
            long next = queue.append(QueueFixtures.cdc(1, 400, QueueFixtures.event("c", "c", 4)));
            QueueEntry e = source.poll(100, TimeUnit.MILLISECONDS);
            assertThat(e.index()).isEqualTo(next);
            assertThat(e.events()).extracting(ev -> ev.id()).containsExactly("c");
        }
    }

    @Test
    void should_delete_forwarded_rolled_files_despite_retention_when_the_queue_is_at_its_cap() throws Exception {
        // Given a queue holding two rolled one-second cycles and a current one, then over its cap (size probe)
        AtomicLong size = new AtomicLong();
        try (EventQueue queue = EventQueue.open(dir, "TEST_SECONDLY", 1, size::get);
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(24))) {
            queue.append(QueueFixtures.cdc(1, 1, QueueFixtures.event("a", "c", 1)));
            Thread.sleep(1100);
            queue.append(QueueFixtures.cdc(1, 2, QueueFixtures.event("b", "c", 2)));
            Thread.sleep(1100);
            long third = queue.append(QueueFixtures.cdc(1, 3, QueueFixtures.event("c", "c", 3)));
            size.set(2);

            // When everything is forwarded
            source.forwarded(third);

            // Then the rolled files are gone although the 24 h retention has not passed; the current one stays
            source.startAfter(ForwardSource.NO_INDEX);
            QueueEntry only = source.poll(100, TimeUnit.MILLISECONDS);
            assertThat(only.source().position()).isEqualTo(3);
            assertThat(source.poll(30, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void should_record_the_committed_index_in_the_forwarded_mark_at_most_once_a_second_and_at_close() throws Exception {
        // Given a queue with two entries
        try (EventQueue queue = EventQueue.open(dir, "FAST_HOURLY", 0)) {
            long first = queue.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("a", "c", 1)));
            long second = queue.append(QueueFixtures.cdc(1, 200, QueueFixtures.event("b", "c", 2)));
            try (QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(1))) {
                // When both are committed in quick succession
                source.forwarded(first);
                source.forwarded(second);

                // Then the mark names the first only, until the source closes
                assertThat(queue.forwardedMark().read()).isEqualTo(first);
            }
            assertThat(queue.forwardedMark().read()).isEqualTo(second);
            assertThat(queue.backlogBytes()).isZero();
        }
    }

    @Test
    void should_record_every_commit_in_the_mark_when_the_queue_is_at_its_cap() throws Exception {
        // Given two entries, then the queue reopened with a 1-byte cap it is over
        long first;
        long second;
        try (EventQueue uncapped = EventQueue.open(dir, "FAST_HOURLY", 0)) {
            first = uncapped.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("a", "c", 1)));
            second = uncapped.append(QueueFixtures.cdc(1, 200, QueueFixtures.event("b", "c", 2)));
        }
        try (EventQueue queue = EventQueue.open(dir, "FAST_HOURLY", 1);
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(1))) {
            source.forwarded(first);

            // When the next commit comes within the second
            source.forwarded(second);

            // Then it is recorded at once, and the append that waited on the cap may go on
            assertThat(queue.forwardedMark().read()).isEqualTo(second);
            assertThat(queue.isFull()).isFalse();
        }
    }

    @Test
    void should_delete_forwarded_rolled_files_at_the_cap_when_the_queue_is_read_only_beside_its_writer() throws Exception {
        // Given a writer (the node) that appended over two rolled one-second cycles, and a separate read-only reader
        // (the forwarder process) that knows the node's cap, which the queue is over
        AtomicLong size = new AtomicLong();
        try (EventQueue writer = EventQueue.open(dir, "TEST_SECONDLY", 0)) {
            writer.append(QueueFixtures.cdc(1, 1, QueueFixtures.event("a", "c", 1)));
            Thread.sleep(1100);
            writer.append(QueueFixtures.cdc(1, 2, QueueFixtures.event("b", "c", 2)));
            Thread.sleep(1100);
            long third = writer.append(QueueFixtures.cdc(1, 3, QueueFixtures.event("c", "c", 3)));
            try (EventQueue readOnly = EventQueue.openReadOnly(dir, "TEST_SECONDLY", 1, size::get);
                 QueueForwardSource source = new QueueForwardSource(readOnly, Duration.ofHours(24))) {
                size.set(2);

                // When the reader forwarded everything, and the writer appends on
                source.forwarded(third);
                writer.append(QueueFixtures.cdc(1, 4, QueueFixtures.event("d", "c", 4)));

                // Then the rolled files are gone despite the 24 h retention, and the reader sees the rest, new one included
                source.startAfter(ForwardSource.NO_INDEX);
                assertThat(source.poll(100, TimeUnit.MILLISECONDS).source().position()).isEqualTo(3);
                assertThat(source.poll(1000, TimeUnit.MILLISECONDS).source().position()).isEqualTo(4);
                assertThat(source.poll(30, TimeUnit.MILLISECONDS)).isNull();
            }
            // and the writer's own view is the same after another instance deleted its files
            try (EventQueue.QueueReader r = writer.reader()) {
                assertThat(r.next().source().position()).isEqualTo(3);
            }
        }
    }
}
