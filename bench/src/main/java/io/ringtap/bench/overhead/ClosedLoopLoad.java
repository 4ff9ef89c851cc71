package io.ringtap.bench.overhead;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.ringtap.bench.Samples;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * As many writes as the node takes: {@code concurrency} async writes in flight at all times, for a warm-up and
 * then a measured window. Throughput counts writes acknowledged within the window; latency samples are writes
 * sent within it (send to ack, in the bench JVM).
 */
final class ClosedLoopLoad {
    /** One measured window. */
    record Result(double writesPerSecond, double p50Millis, double p99Millis, int failed, String firstError) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final String payload;
    private final long keySpace;

    /** {@code table} must have columns {@code id bigint PRIMARY KEY, v text}; keys are drawn from {@code [0, keySpace)}. */
    ClosedLoopLoad(CqlSession session, String table, int payloadBytes, long keySpace) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + table + " (id, v) VALUES (?, ?)");
        this.payload = "x".repeat(payloadBytes);
        this.keySpace = keySpace;
    }

    Result run(int concurrency, double warmUpSeconds, double measureSeconds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        long windowStart = start + (long) (warmUpSeconds * 1e9);
        long windowEnd = windowStart + (long) (measureSeconds * 1e9);
        AtomicLong acked = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        StringBuffer firstError = new StringBuffer();
        Samples latencies = new Samples();
        while (true) {
            inFlight.acquire();
            long sent = System.nanoTime();
            if (sent >= windowEnd) {
                inFlight.release();
                break;
            }
            long key = ThreadLocalRandom.current().nextLong(keySpace);
            session.executeAsync(insert.bind(key, payload)).whenComplete((rs, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    failed.incrementAndGet();
                    if (firstError.length() == 0) {
                        firstError.append(error);
                    }
                } else if (now >= windowStart && now < windowEnd) {
                    acked.incrementAndGet();
                }
                if (error == null && sent >= windowStart) {
                    synchronized (latencies) {
                        latencies.add((now - sent) / 1e6);
                    }
                }
                inFlight.release();
            });
        }
        inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS);
        synchronized (latencies) {
            return new Result(acked.get() / measureSeconds, latencies.percentile(50), latencies.percentile(99),
                    failed.get(), firstError.length() == 0 ? null : firstError.toString());
        }
    }
}
