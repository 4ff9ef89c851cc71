package io.ringtap.agent.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.ringtap.agent.queue.QueueFixtures.cdc;
import static io.ringtap.agent.queue.QueueFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class EventQueueRollTest {

    @TempDir
    Path dir;

    private List<Integer> positions(EventQueue queue) {
        List<Integer> out = new ArrayList<>();
        try (EventQueue.QueueReader r = queue.reader()) {
            for (QueueEntry e = r.next(); e != null; e = r.next()) {
                out.add(e.source().position());
            }
        }
        return out;
    }

    private long storeFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).count();
        }
    }

    @Test
    void should_delete_only_rolled_files_before_confirmed_index_when_older_than_retention() throws Exception {
        // Given three excerpts in three one-second cycles
        try (EventQueue queue = EventQueue.open(dir, "TEST_SECONDLY", 0)) {
            queue.append(cdc(1, 1, event("00000000000000000000000000000001", "a", 1)));
            Thread.sleep(1100);
            long second = queue.append(cdc(1, 2, event("00000000000000000000000000000002", "a", 2)));
            Thread.sleep(1100);
            long third = queue.append(cdc(1, 3, event("00000000000000000000000000000003", "a", 3)));
            assertThat(storeFiles()).isEqualTo(3);
            assertThat(queue.entries()).isEqualTo(3);
            assertThat(queue.entriesAfter(second)).isEqualTo(1);
            assertThat(queue.entriesAfter(-1)).isEqualTo(3);

            // When retention has not passed: nothing goes
            assertThat(queue.deleteRolledFiles(third, Duration.ofHours(1))).isZero();

            // When only the second is confirmed: only the first cycle goes
            assertThat(queue.deleteRolledFiles(second, Duration.ZERO)).isEqualTo(1);
            assertThat(positions(queue)).containsExactly(2, 3);

            // When the third (in the current cycle) is confirmed: the second goes, never the current one
            assertThat(queue.deleteRolledFiles(third, Duration.ZERO)).isEqualTo(1);
            assertThat(positions(queue)).containsExactly(3);
            assertThat(storeFiles()).isEqualTo(1);
        }
    }

    @Test
    void should_keep_every_excerpt_whole_when_threads_append_concurrently() throws Exception {
        // Given
        int threads = 4;
        int perThread = 200;
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seg = t;
                futures.add(pool.submit(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        queue.append(cdc(seg, i, event(String.format("%016x%016x", seg, i), "c" + seg, i),
                                event(String.format("%016x%016x", seg, i + 100000), "c" + seg, i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            // Then every excerpt is whole and each thread's appends are in its order
            List<QueueEntry> all = new ArrayList<>();
            try (EventQueue.QueueReader r = queue.reader()) {
                for (QueueEntry e = r.next(); e != null; e = r.next()) {
                    all.add(e);
                }
            }
            assertThat(all).hasSize(threads * perThread);
            for (QueueEntry e : all) {
                assertThat(e.events()).hasSize(2);
                assertThat(e.events().get(0).json()).contains("\"column\":\"c" + e.source().segment() + "\"");
            }
            for (int t = 0; t < threads; t++) {
                long seg = t;
                List<Integer> order = all.stream().filter(e -> e.source().segment() == seg)
                        .map(e -> e.source().position()).collect(Collectors.toList());
                assertThat(order).isSorted().hasSize(perThread);
            }
        }
    }
}
