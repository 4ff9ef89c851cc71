package io.ringtap.agent.commitlog;

import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;
import io.ringtap.agent.queue.QueueFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitLogFollowerTest {

    @TempDir
    Path tmp;

    Path cdcRaw;
    Path quarantine;
    EventQueue queue;
    FakeDecoder decoder = new FakeDecoder();
    CaptureStats stats = new CaptureStats();
    AtomicLong clock = new AtomicLong(1_000_000);

    @BeforeEach
    void setUp() throws Exception {
        cdcRaw = Files.createDirectories(tmp.resolve("cdc_raw"));
        quarantine = tmp.resolve("quarantine");
        queue = EventQueue.open(tmp.resolve("queue"), null, 0);
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private CommitLogFollower follower(CaptureSettings settings) {
        return new CommitLogFollower(settings, decoder, queue, stats, clock::get);
    }

    private CaptureSettings settings() {
        return new CaptureSettings(cdcRaw, quarantine).pollIntervalMs(10).orphanGraceMs(5_000);
    }

    private Path log(long id) throws Exception {
        return Files.write(cdcRaw.resolve("CommitLog-8-" + id + ".log"), new byte[]{1, 2, 3});
    }

    private Path idx(long id, String content) throws Exception {
        return Files.write(cdcRaw.resolve("CommitLog-8-" + id + "_cdc.idx"), content.getBytes(StandardCharsets.US_ASCII));
    }

    private List<String> queued() {
        List<String> out = new ArrayList<>();
        try (EventQueue.QueueReader r = queue.reader()) {
            for (QueueEntry e = r.next(); e != null; e = r.next()) {
                out.add(e.source().segment() + ":" + e.source().position());
            }
        }
        return out;
    }

    @Test
    void should_capture_pending_segments_in_id_order_and_delete_them_when_completed() throws Exception {
        // Given three finished segments listed out of order
        for (long id : new long[]{30, 10, 20}) {
            log(id);
            idx(id, "300\nCOMPLETED");
            decoder.add(id, 100, 200);
        }

        // When
        boolean ok = follower(settings()).pollOnce();

        // Then
        assertThat(ok).isTrue();
        assertThat(queued()).containsExactly("10:100", "10:200", "20:100", "20:200", "30:100", "30:200");
        try (var files = Files.list(cdcRaw)) {
            assertThat(files).isEmpty();
        }
        assertThat(stats.mutationsCaptured()).isEqualTo(6);
        assertThat(stats.eventsCaptured()).isEqualTo(6);
        assertThat(stats.segmentsRetired()).isEqualTo(3);
    }

    @Test
    void should_read_active_segment_up_to_idx_offset_as_it_grows() throws Exception {
        // Given an active segment whose idx covers the first two entries
        log(1);
        idx(1, "200");
        decoder.add(1, 100, 200, 300);
        CommitLogFollower follower = follower(settings());

        // When / Then: durable part only, kept in cdc_raw
        follower.pollOnce();
        assertThat(queued()).containsExactly("1:100", "1:200");
        assertThat(Files.exists(cdcRaw.resolve("CommitLog-8-1.log"))).isTrue();

        // unchanged idx: no re-read
        follower.pollOnce();
        assertThat(decoder.calls).containsExactly("1:0:200");

        // idx grows, then completes
        idx(1, "300");
        follower.pollOnce();
        assertThat(queued()).containsExactly("1:100", "1:200", "1:300");
        idx(1, "300\nCOMPLETED");
        follower.pollOnce();
        assertThat(decoder.calls).containsExactly("1:0:200", "1:200:300", "1:300:300");
        assertThat(queued()).containsExactly("1:100", "1:200", "1:300");
        assertThat(Files.exists(cdcRaw.resolve("CommitLog-8-1.log"))).isFalse();
        assertThat(Files.exists(cdcRaw.resolve("CommitLog-8-1_cdc.idx"))).isFalse();
    }

    @Test
    void should_take_entries_beyond_idx_offset_when_read_ahead_is_on() throws Exception {
        // Given
        log(1);
        idx(1, "100");
        decoder.add(1, 100, 200, 300);

        // When
        follower(settings().readAhead(true)).pollOnce();

        // Then
        assertThat(queued()).containsExactly("1:100", "1:200", "1:300");
        assertThat(decoder.calls).containsExactly("1:0:-1");
        assertThat(Files.exists(cdcRaw.resolve("CommitLog-8-1.log"))).isTrue();
    }

    @Test
    void should_hold_back_later_segments_when_an_earlier_one_is_active() throws Exception {
        // Given
        log(1);
        idx(1, "100");
        log(2);
        idx(2, "100\nCOMPLETED");
        decoder.add(1, 100, 200);
        decoder.add(2, 100);

        // When
        follower(settings()).pollOnce();

        // Then
        assertThat(queued()).containsExactly("1:100");
        assertThat(Files.exists(cdcRaw.resolve("CommitLog-8-2.log"))).isTrue();
    }

    @Test
    void should_retry_when_idx_is_empty_or_cut_short() throws Exception {
        // Given
        log(1);
        idx(1, "");
        decoder.add(1, 100);
        CommitLogFollower follower = follower(settings());

        // When / Then
        follower.pollOnce();
        idx(1, "100\nCOMPL");
        follower.pollOnce();
        assertThat(decoder.calls).isEmpty();
        idx(1, "100\nCOMPLETED");
        follower.pollOnce();
        assertThat(queued()).containsExactly("1:100");
    }

    @Test
    void should_resume_after_last_queued_position_when_restarted() throws Exception {
        // Given a queue that already holds segment 2 up to 200 (and a trigger excerpt after it)
        queue.append(QueueFixtures.cdc(2, 200, QueueFixtures.event("000000000000000000000000000000aa", "c", 1)));
        queue.append(QueueFixtures.trigger(QueueFixtures.event("000000000000000000000000000000bb", "c", 2)));
        // and cdc_raw as a restart's replay leaves it: both segments COMPLETED at full length
        log(1);
        idx(1, "1000\nCOMPLETED");
        log(2);
        idx(2, "1000\nCOMPLETED");
        decoder.add(1, 100);
        decoder.add(2, 100, 200, 300);

        // When
        follower(settings()).pollOnce();

        // Then: segment 1 retired unread, segment 2 resumed after 200
        assertThat(decoder.calls).containsExactly("2:200:1000");
        assertThat(queued()).containsExactly("2:200", "-1:-1", "2:300");
        try (var files = Files.list(cdcRaw)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void should_move_retired_segments_to_archive_when_archive_is_configured() throws Exception {
        // Given
        Path archive = tmp.resolve("archive");
        log(5);
        idx(5, "100\nCOMPLETED");
        decoder.add(5, 100);

        // When
        follower(settings().archiveDirectory(archive)).pollOnce();

        // Then
        assertThat(archive.resolve("CommitLog-8-5.log")).exists();
        assertThat(new String(Files.readAllBytes(archive.resolve("CommitLog-8-5_cdc.idx")), StandardCharsets.US_ASCII))
                .isEqualTo("100\nCOMPLETED");
        assertThat(cdcRaw.resolve("CommitLog-8-5.log")).doesNotExist();
    }

    @Test
    void should_not_retire_segment_when_its_mutations_could_not_be_queued() throws Exception {
        // Given a finished segment and a capture thread that is being stopped
        log(1);
        idx(1, "200\nCOMPLETED");
        decoder.add(1, 100, 200);
        CommitLogFollower follower = follower(settings());

        // When the queue append is interrupted
        Thread.currentThread().interrupt();
        assertThatThrownBy(follower::pollOnce).isInstanceOf(InterruptedException.class);

        // Then the segment stays, and a later pass captures it whole
        assertThat(cdcRaw.resolve("CommitLog-8-1.log")).exists();
        assertThat(queued()).isEmpty();
        follower.pollOnce();
        assertThat(queued()).containsExactly("1:100", "1:200");
        assertThat(cdcRaw.resolve("CommitLog-8-1.log")).doesNotExist();
    }

    @Test
    void should_quarantine_corrupt_finished_segment_and_continue_with_next() throws Exception {
        // Given
        log(1);
        idx(1, "300\nCOMPLETED");
        decoder.add(1, 100, 200, 300);
        decoder.corruptAt.put(1L, 200);
        log(2);
        idx(2, "100\nCOMPLETED");
        decoder.add(2, 100);

        // When
        follower(settings()).pollOnce();

        // Then
        assertThat(queued()).containsExactly("1:100", "2:100");
        assertThat(quarantine.resolve("CommitLog-8-1.log")).exists();
        assertThat(quarantine.resolve("CommitLog-8-1_cdc.idx")).exists();
        assertThat(stats.segmentsQuarantined()).isEqualTo(1);
        assertThat(cdcRaw.resolve("CommitLog-8-2.log")).doesNotExist();
    }

    @Test
    void should_retry_then_back_off_not_quarantine_when_active_segment_is_corrupt() throws Exception {
        // Given
        log(1);
        idx(1, "300");
        decoder.add(1, 100, 200, 300);
        decoder.corruptAt.put(1L, 200);
        CommitLogFollower follower = follower(settings());

        // When / Then: quiet retries, then back-off, resuming from the last good position
        assertThat(follower.pollOnce()).isTrue();
        assertThat(follower.pollOnce()).isTrue();
        assertThat(follower.pollOnce()).isTrue();
        assertThat(follower.pollOnce()).isFalse();
        assertThat(decoder.calls).containsExactly("1:0:300", "1:100:300", "1:100:300", "1:100:300");
        assertThat(queued()).containsExactly("1:100");
        assertThat(quarantine).doesNotExist();

        // once it completes still corrupt, it is quarantined
        idx(1, "300\nCOMPLETED");
        follower.pollOnce();
        assertThat(quarantine.resolve("CommitLog-8-1.log")).exists();
    }

    @Test
    void should_wait_for_orphan_log_until_a_later_segment_has_idx_and_grace_passed() throws Exception {
        // Given an orphan log as the only segment
        log(1);
        decoder.add(1, 100);
        CommitLogFollower follower = follower(settings());

        // When / Then: newest orphan = not yet active
        follower.pollOnce();
        assertThat(decoder.calls).isEmpty();

        // a later segment appears with idx: the orphan must stay unchanged for the grace period
        log(2);
        idx(2, "100");
        decoder.add(2, 100);
        follower.pollOnce();
        assertThat(decoder.calls).isEmpty();

        clock.addAndGet(5_000);
        follower.pollOnce();
        assertThat(decoder.calls).containsExactly("1:0:-1", "2:0:100");
        assertThat(queued()).containsExactly("1:100", "2:100");
        assertThat(cdcRaw.resolve("CommitLog-8-1.log")).doesNotExist();
    }

    @Test
    void should_back_off_exponentially_up_to_the_maximum() {
        // Given
        CommitLogFollower follower = follower(settings().pollIntervalMs(200).maxBackoffMs(30_000));

        // Then
        assertThat(follower.delayMs(0)).isEqualTo(200);
        assertThat(follower.delayMs(1)).isEqualTo(400);
        assertThat(follower.delayMs(3)).isEqualTo(1600);
        assertThat(follower.delayMs(50)).isEqualTo(30_000);
    }

    @Test
    void should_count_dropped_table_mutations_and_last_ts() throws Exception {
        // Given
        log(1);
        idx(1, "100\nCOMPLETED");
        decoder.add(1, 100);
        decoder.dropped.put("5a1c3f40-0000-0000-0000-000000000001", 3L);

        // When
        follower(settings()).pollOnce();

        // Then
        assertThat(stats.droppedTableMutationsByTable()).containsEntry("5a1c3f40-0000-0000-0000-000000000001", 3L);
        assertThat(stats.droppedTableMutations()).isEqualTo(3);
        assertThat(stats.lastCapturedTs()).isEqualTo(1100);
    }

    @Test
    void should_read_top_level_ts_only() {
        assertThat(CommitLogFollower.topLevelTs("{\"value\":{\"ts\":5},\"ts\":77,\"source\":{}}")).isEqualTo(77);
        assertThat(CommitLogFollower.topLevelTs("{\"op\":\"row\"}")).isZero();
    }

    @Test
    void should_remove_leftover_idx_when_its_log_is_gone_and_it_is_completed() throws Exception {
        // Given an idx left by an interrupted retirement, and one of a segment not yet created
        idx(7, "100\nCOMPLETED");
        idx(8, "0");

        // When
        follower(settings()).pollOnce();

        // Then
        assertThat(cdcRaw.resolve("CommitLog-8-7_cdc.idx")).doesNotExist();
        assertThat(cdcRaw.resolve("CommitLog-8-8_cdc.idx")).exists();
    }

    @Test
    void should_report_pending_segments_and_bytes_when_polled() throws Exception {
        // Given
        log(1);
        idx(1, "0");
        log(2);
        idx(2, "0");

        // When
        follower(settings()).pollOnce();

        // Then
        assertThat(stats.segmentsPending()).isEqualTo(2);
        assertThat(stats.bytesPending()).isEqualTo(6);
    }

    @Test
    void should_stop_promptly_and_back_off_on_errors_when_running() throws Exception {
        // Given a decoder that fails (e.g. a decoding bug) on every pass
        log(1);
        idx(1, "100\nCOMPLETED");
        AtomicLong passes = new AtomicLong();
        SegmentDecoder failing = (file, id, after, upTo, sink) -> {
            passes.incrementAndGet();
            throw new IllegalStateException("boom");
        };
        CommitLogFollower follower = new CommitLogFollower(
                settings().pollIntervalMs(50).maxBackoffMs(10_000), failing, queue, stats);
        Thread t = new Thread(() -> {
            try {
                follower.run();
            } catch (InterruptedException e) {
                // stop
            }
        });

        // When it runs for a second
        t.start();
        Thread.sleep(1000);
        t.interrupt();
        t.join(2000);

        // Then it backed off (50, 100, 200, 400 ms ...: a handful of passes, no hot loop) and stopped
        assertThat(t.isAlive()).isFalse();
        assertThat(passes.get()).isBetween(2L, 6L);
        assertThat(follower.name()).isEqualTo("capture");
        assertThat(cdcRaw.resolve("CommitLog-8-1.log")).exists();
    }

    @Test
    void should_capture_an_idx_advance_long_before_the_poll_interval_when_running() throws Exception {
        // Given an active segment with two entries, only the first durable, and a 30 s poll interval
        log(1);
        idx(1, "100");
        decoder.add(1, 100, 200);
        CommitLogFollower follower = follower(settings().pollIntervalMs(30_000));
        Thread t = new Thread(() -> {
            try {
                follower.run();
            } catch (InterruptedException e) {
                // stop
            }
        });
        t.start();
        try {
            awaitCaptured(1, 5_000);

            // When Cassandra moves the idx
            long start = System.nanoTime();
            idx(1, "200");
            awaitCaptured(2, 5_000);
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            // Then the second entry is captured at once (the idx change woke capture), not after 30 s
            assertThat(tookMs).isLessThan(5_000);
        } finally {
            t.interrupt();
            t.join(2_000);
        }
        assertThat(t.isAlive()).isFalse();
        assertThat(queue.lastCdcPosition()).hasValueSatisfying(p -> assertThat(p.position()).isEqualTo(200));
    }

    private void awaitCaptured(long mutations, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (stats.mutationsCaptured.get() < mutations && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(stats.mutationsCaptured.get()).isEqualTo(mutations);
    }
}
