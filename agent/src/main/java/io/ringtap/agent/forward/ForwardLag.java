package io.ringtap.agent.forward;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Lag in seconds without timestamps in the queue: remembers when each new queue end was first seen (one
 * sample a second at most, bounded) and reports how long ago the oldest not-yet-committed entry was
 * first seen. Entries already queued when the forwarder starts count from its start.
 */
final class ForwardLag {
    private static final int MAX_SAMPLES = 4096;

    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    long lastSampleNanos = Long.MIN_VALUE / 2;

    long seconds(long nowNanos, long lastIndex, long committedIndex) {
        if (lastIndex != ForwardSource.NO_INDEX
                && (samples.isEmpty() || samples.peekLast()[1] < lastIndex)
                && samples.size() < MAX_SAMPLES) {
            samples.addLast(new long[] {nowNanos, lastIndex});
        }
        // a sample whose end is committed no longer marks anything waiting
        while (!samples.isEmpty() && samples.peekFirst()[1] <= committedIndex) {
            samples.pollFirst();
        }
        if (samples.isEmpty() || lastIndex <= committedIndex) {
            return 0;
        }
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - samples.peekFirst()[0]);
    }
}
