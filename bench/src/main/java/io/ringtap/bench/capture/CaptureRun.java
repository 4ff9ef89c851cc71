package io.ringtap.bench.capture;

import io.ringtap.agent.RunLoop;
import io.ringtap.agent.cassandra.CommitLogSegmentDecoder;
import io.ringtap.agent.cassandra.MutationDecoder;
import io.ringtap.agent.commitlog.CaptureSettings;
import io.ringtap.agent.commitlog.CaptureStats;
import io.ringtap.agent.commitlog.CommitLogFollower;
import io.ringtap.agent.queue.EventQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * ringtap's capture as the agent's pipeline builds it (Pipeline.capture): a {@link CommitLogFollower} over the
 * port's {@link CommitLogSegmentDecoder} and {@link MutationDecoder}, appending to a fresh {@link EventQueue},
 * on a daemon thread. Its cdc_raw is a directory of hard links to the corpus segments and their idx files,
 * so the follower reads, retires (deletes) and never touches the corpus itself. The queue is unbounded
 * ({@code queue.max-bytes} would otherwise stop capture at 1 GiB, since nothing frees space in a run).
 */
final class CaptureRun implements AutoCloseable {
    private final Path workDir;
    private final int segments;
    private final EventQueue queue;
    private final CaptureStats stats = new CaptureStats();
    private final CommitLogFollower follower;
    private Thread thread;

    CaptureRun(List<Path> corpusSegments, Path workDir, String hostId, String datacenter) throws IOException {
        this.workDir = workDir;
        this.segments = corpusSegments.size();
        Path cdcRaw = workDir.resolve("cdc_raw");
        Files.createDirectories(cdcRaw);
        for (Path log : corpusSegments) {
            Files.createLink(cdcRaw.resolve(log.getFileName()), log);
            Path idx = Corpus.idxOf(log);
            Files.createLink(cdcRaw.resolve(idx.getFileName()), idx);
        }
        queue = EventQueue.open(workDir.resolve("queue"), null, 0);
        CaptureSettings settings = new CaptureSettings(cdcRaw, workDir.resolve("quarantine"));
        follower = new CommitLogFollower(settings, new CommitLogSegmentDecoder(new MutationDecoder(), hostId, datacenter),
                queue, stats);
    }

    EventQueue queue() {
        return queue;
    }

    CaptureStats stats() {
        return stats;
    }

    Path queueDir() {
        return workDir.resolve("queue");
    }

    void start() {
        thread = daemon(follower);
        thread.start();
    }

    /** Waits until the follower retired every segment (it then read all of them and appended their events). */
    void awaitCaptured(long timeoutNanos) {
        awaitTrue(() -> stats.segmentsRetired() >= segments || stats.segmentsQuarantined() > 0, timeoutNanos,
                "capture of " + segments + " segments");
        if (stats.segmentsQuarantined() > 0) {
            throw new IllegalStateException(stats.segmentsQuarantined() + " segment(s) quarantined: corrupt corpus?");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(30_000);
        }
        queue.close();
    }

    static Thread daemon(RunLoop loop) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }, "ringtap-" + loop.name());
        t.setDaemon(true);
        return t;
    }

    /** Polls every 0.2 ms: a negligible cost next to runs of seconds, and a negligible error on their length. */
    static void awaitTrue(BooleanSupplier condition, long timeoutNanos, String what) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
