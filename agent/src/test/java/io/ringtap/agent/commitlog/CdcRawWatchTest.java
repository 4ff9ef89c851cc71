package io.ringtap.agent.commitlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CdcRawWatchTest {
    @TempDir
    Path dir;

    @Test
    void should_wake_long_before_the_interval_when_an_idx_is_rewritten() throws Exception {
        // Given a watched directory holding an idx
        Path idx = Files.write(dir.resolve("CommitLog-8-1_cdc.idx"), "100".getBytes(StandardCharsets.US_ASCII));
        try (CdcRawWatch watch = CdcRawWatch.open(dir)) {
            assertThat(watch.watching()).isTrue();
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    Files.write(idx, "200".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // When Cassandra rewrites it while capture waits with a 20 s interval
            long start = System.nanoTime();
            writer.start();
            boolean woken = watch.await(20_000);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            writer.join();

            // Then the wait ends with the change, not with the interval
            assertThat(woken).isTrue();
            assertThat(waitedMs).isLessThan(5_000);
        }
    }

    @Test
    void should_wake_at_once_when_a_change_happened_before_the_wait() throws Exception {
        // Given a segment linked while a pass was running (before the next wait)
        try (CdcRawWatch watch = CdcRawWatch.open(dir)) {
            Files.write(dir.resolve("CommitLog-8-2.log"), new byte[]{1});
            Thread.sleep(50); // the JDK's inotify reader queues the event

            // When capture then waits, and waits again
            long start = System.nanoTime();
            boolean first = watch.await(20_000);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            boolean second = watch.await(50);

            // Then the first wait ends at once (no lost wake-up), the second only after its interval
            assertThat(first).isTrue();
            assertThat(waitedMs).isLessThan(5_000);
            assertThat(second).isFalse();
        }
    }

    @Test
    void should_sleep_the_interval_when_the_directory_cannot_be_watched() throws Exception {
        // Given a directory that does not exist
        try (CdcRawWatch watch = CdcRawWatch.open(dir.resolve("missing"))) {
            // When waiting
            long start = System.nanoTime();
            boolean woken = watch.await(50);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;

            // Then it falls back to plain polling
            assertThat(watch.watching()).isFalse();
            assertThat(woken).isFalse();
            assertThat(waitedMs).isGreaterThanOrEqualTo(45);
        }
    }
}
