package io.ringtap.agent.queue;

import io.ringtap.agent.TriggerGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static io.ringtap.agent.queue.QueueFixtures.event;
import static io.ringtap.agent.queue.QueueFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent appenders (trigger request threads) must not all re-measure the backlog at once: the measurement
 * takes a monitor and reads files, and a herd of measuring request threads queued on it under load.
 */
class ConcurrentAppendMeasureTest {
    private static final int THREADS = 16;
    private static final int APPENDS = 10;

    @TempDir
    Path dir;

    /** A slow backlog probe that records how many callers were inside it at once. */
    private static final class SlowProbe implements LongSupplier {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();

        @Override
        public long getAsLong() {
            calls.incrementAndGet();
            int now = inside.incrementAndGet();
            maxInside.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return 0;
        }
    }

    private interface Append {
        void run(int thread, int i) throws Exception;
    }

    private static void hammer(Append append) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int thread = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < APPENDS; i++) {
                        append.run(thread, i);
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
    }

    private static String id(int thread, int i) {
        return String.format("%016x%016x", thread, i);
    }

    @Test
    void should_measure_backlog_one_thread_at_a_time_when_many_threads_append() throws Exception {
        // Given a capped queue whose backlog measurement is slow
        SlowProbe probe = new SlowProbe();
        try (EventQueue queue = EventQueue.open(dir, null, 1L << 30, probe)) {
            // When 16 threads append at once
            hammer((t, i) -> queue.append(trigger(event(id(t, i), "k" + t, i))));

            // Then one thread measured at a time, and only when the 100 ms cache expired (not once per thread)
            assertThat(probe.maxInside.get()).isEqualTo(1);
            assertThat(probe.calls.get()).isLessThan(THREADS);
            assertThat(queue.entries()).isEqualTo(THREADS * APPENDS);
        }
    }

    @Test
    void should_let_one_request_thread_measure_when_triggers_append_concurrently() throws Exception {
        // Given a capped queue with a slow backlog measurement, published to triggers
        SlowProbe probe = new SlowProbe();
        try (EventQueue queue = EventQueue.open(dir, null, 1L << 30, probe);
             AutoCloseable published = TriggerGateway.publish(queue, "host-1", "dc1")) {
            TriggerGateway gateway = TriggerGateway.current();

            // When 16 request threads append through the gateway at once
            hammer((t, i) -> gateway.append(trigger(event(id(t, i), "k" + t, i))));

            // Then at most the gateway's and the queue's measurement overlapped, never one per thread
            assertThat(probe.maxInside.get()).isLessThanOrEqualTo(2);
            assertThat(probe.calls.get()).isLessThan(THREADS);
            assertThat(queue.entries()).isEqualTo(THREADS * APPENDS);
            try (EventQueue.QueueReader reader = queue.reader()) {
                QueueEntry first = reader.next();
                assertThat(first.source().capture()).isEqualTo("trigger");
                assertThat(first.events()).hasSize(1);
            }
        }
    }
}
