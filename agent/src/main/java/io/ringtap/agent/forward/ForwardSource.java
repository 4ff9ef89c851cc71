package io.ringtap.agent.forward;

import io.ringtap.agent.queue.QueueEntry;
import java.util.concurrent.TimeUnit;

/**
 * What the forwarder reads: the local queue, in order, from a position. Version-free so the forwarder does
 * not depend on the queue's implementation; the composition root adapts the Chronicle queue to it. Used
 * by one thread only (the forwarder's).
 */
public interface ForwardSource {

    /** The index meaning "before the first entry": {@link #startAfter(long)} with it reads from the start. */
    long NO_INDEX = -1L;

    /**
     * Positions the reader so that the next {@link #poll} returns the first entry whose index is greater
     * than {@code index}; {@link #NO_INDEX} means the oldest entry still in the queue. Called at start and
     * again after every Kafka failure, to resend from the last committed entry.
     */
    void startAfter(long index);

    /**
     * The next entry in queue order, waiting at most {@code maxWait} for one to be appended.
     *
     * @return the entry, or {@code null} when none arrived in time
     */
    QueueEntry poll(long maxWait, TimeUnit unit) throws InterruptedException;

    /** Index of the newest entry in the queue, or {@link #NO_INDEX} when it is empty. Cheap. */
    long lastIndex();

    /** Number of entries with an index greater than {@code index} (the forward backlog). May be costly: called about once a second. */
    long entriesAfter(long index);

    /**
     * Tells the queue that every entry up to and including {@code index} is committed to Kafka, so rolled
     * files that hold only such entries may be deleted (subject to the queue's retention).
     */
    void forwarded(long index);
}
