package io.ringtap.agent.queue;

import io.ringtap.agent.forward.ForwardSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link EventQueue} as the forwarder's {@link ForwardSource}: the one adapter between them, used by
 * the in-node pipeline and by the separate forwarder process. Owned by the forwarder's thread.
 *
 * <p>Chronicle tailers never block, so {@link #poll} retries every few milliseconds up to its wait; given the
 * writer's {@link AppendSignal} (in the node), an append ends the current pause at once, so a new entry is
 * seen within microseconds rather than up to one retry step later. Writers that do not signal (another
 * process, the trigger path) are still seen within a step.
 * {@link #forwarded} records the committed index in the queue's {@link ForwardedMark} (at most once a second,
 * at once while capture waits on the cap), which is what frees room under {@code queue.max-bytes}, and deletes
 * rolled queue files that are fully forwarded and older than the retention, at most once a minute: listing and
 * deleting files on every committed transaction would cost more than the transaction. When the files take more
 * than {@code queue.max-bytes}, forwarded rolled files go whatever the retention, so retention never makes the
 * queue's disk use grow past the cap by more than the current file.
 */
public final class QueueForwardSource implements ForwardSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueForwardSource.class);
    private static final long POLL_STEP_MS = 5;
    private static final long DELETE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MARK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventQueue queue;
    private final Duration retention;
    private final AppendSignal appended;
    private EventQueue.QueueReader reader;
    /** Entries with an index up to this are skipped (set when the resume index is not in the queue). */
    private long skipThrough = NO_INDEX;
    private long lastDeleteNanos = System.nanoTime() - DELETE_EVERY_NANOS;
    private long lastMarkNanos = System.nanoTime() - MARK_EVERY_NANOS;
    private long markedIndex = NO_INDEX;
    private long forwardedIndex = NO_INDEX;

    /**
     * @param queue     the node's queue (opened for appending by the node, or read-only by a separate process)
     * @param retention how long a fully forwarded rolled file is kept ({@code queue.retention-hours})
     */
    public QueueForwardSource(EventQueue queue, Duration retention) {
        this(queue, retention, null);
    }

    /**
     * @param queue     the node's queue
     * @param retention how long a fully forwarded rolled file is kept ({@code queue.retention-hours})
     * @param appended  signalled by the queue's writer after appends, or {@code null} to only poll
     */
    public QueueForwardSource(EventQueue queue, Duration retention, AppendSignal appended) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.appended = appended;
    }

    @Override
    public void startAfter(long index) {
        closeReader();
        skipThrough = NO_INDEX;
        if (index < 0) {
            reader = queue.reader();
            return;
        }
        try {
            reader = queue.readerAfter(index);
        } catch (IllegalArgumentException notInQueue) {
            // its file was deleted (everything in it was forwarded) or the queue was replaced: read from the
            // oldest entry still there and skip whatever is not after the committed index
            log.info("ringtap forwarder: queue index {} is no longer in {}; reading from the oldest entry after it",
                    Long.toHexString(index), queue.directory());
            reader = queue.reader();
            skipThrough = index;
        }
    }

    @Override
    public QueueEntry poll(long maxWait, TimeUnit unit) throws InterruptedException {
        if (reader == null) {
            startAfter(NO_INDEX);
        }
        long deadline = System.nanoTime() + unit.toNanos(maxWait);
        if (appended != null) {
            appended.arm(); // before the check: an append after it unparks the pause below
        }
        try {
            while (true) {
                QueueEntry e = reader.next();
                if (e != null) {
                    if (e.index() <= skipThrough) {
                        continue;
                    }
                    return e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                long step = Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_STEP_MS), left);
                if (appended != null) {
                    appended.await(step);
                } else {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(step)));
                }
            }
        } finally {
            if (appended != null) {
                appended.disarm();
            }
        }
    }

    @Override
    public long lastIndex() {
        return queue.lastIndex();
    }

    @Override
    public long entriesAfter(long index) {
        return queue.entriesAfter(index);
    }

    @Override
    public void forwarded(long index) {
        forwardedIndex = index;
        long now = System.nanoTime();
        boolean full = queue.isFull();
        if (full || now - lastMarkNanos >= MARK_EVERY_NANOS) {
            lastMarkNanos = now;
            writeMark();
        }
        // over the cap, forwarded files go now, whatever the retention
        boolean overCap = full || queue.filesOverCap();
        if (!overCap && now - lastDeleteNanos < DELETE_EVERY_NANOS) {
            return;
        }
        lastDeleteNanos = now;
        try {
            int deleted = queue.deleteRolledFiles(index, overCap ? Duration.ZERO : retention);
            if (deleted > 0) {
                log.info("ringtap: deleted {} forwarded queue file(s) {}", deleted,
                        overCap ? "early: the queue is at queue.max-bytes" : "older than " + retention.toHours() + " h");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("ringtap: could not delete forwarded queue files in {}: {}", queue.directory(), e.toString());
        }
    }

    private void writeMark() {
        if (forwardedIndex == markedIndex) {
            return;
        }
        try {
            queue.forwardedMark().write(forwardedIndex);
            markedIndex = forwardedIndex;
        } catch (IOException e) {
            // the cap then counts more than it should (capture may pause early); forwarding itself is unaffected
            log.warn("ringtap: could not write the forwarded mark in {}: {}", queue.directory(), e.toString());
        }
    }

    @Override
    public void close() {
        writeMark();
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
