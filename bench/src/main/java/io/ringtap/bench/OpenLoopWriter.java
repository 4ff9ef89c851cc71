package io.ringtap.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes {@code (id, v)} rows at a fixed rate whatever the node's answers (open loop): the i-th write is sent at
 * {@code start + i / rate}, so a slow node does not slow the load down. Each acknowledged key is reported with
 * the {@link System#nanoTime()} of its ack.
 */
public final class OpenLoopWriter {
    /** What one call of {@link #run} did. */
    public record Outcome(int sent, int acked, int failed, String firstError) {
    }

    @FunctionalInterface
    public interface AckListener {
        void acked(long key, long nanos);
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final String payload;

    /** {@code table} must have columns {@code id bigint PRIMARY KEY, v text}. */
    public OpenLoopWriter(CqlSession session, String table, int payloadBytes) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + table + " (id, v) VALUES (?, ?)");
        this.payload = "x".repeat(payloadBytes);
    }

    /** Sends keys {@code firstKey, firstKey+1, ...} at {@code ratePerSecond} for {@code seconds}, then awaits the acks. */
    public Outcome run(long firstKey, int ratePerSecond, double seconds, AckListener listener) {
        int n = (int) Math.round(ratePerSecond * seconds);
        long periodNanos = 1_000_000_000L / ratePerSecond;
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        StringBuilder firstError = new StringBuilder();
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long key = firstKey + i;
            session.executeAsync(insert.bind(key, payload)).whenComplete((rs, error) -> {
                if (error == null) {
                    listener.acked(key, System.nanoTime());
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError.length() == 0) {
                            firstError.append(error);
                        }
                    }
                }
                done.countDown();
            });
        }
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(n, acked.get(), failed.get(), firstError.length() == 0 ? null : firstError.toString());
    }

    /** A listener that ignores acks (load only). */
    public static AckListener ignore() {
        return (k, t) -> { };
    }
}
