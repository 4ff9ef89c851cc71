package io.ringtap.bench.latency;

import io.ringtap.bench.Samples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairs each write of a run (by its partition key) with the first time an event of that key was visible to the
 * consumer. Both times are {@link System#nanoTime()} of the bench JVM: the driver's ack callback and the
 * consumer's poll return, so no clock of another JVM is involved. Keys outside the run are ignored (events of
 * earlier runs, or replays).
 */
public final class LatencyMatcher {
    private final long firstKey;
    private final long lastKey;
    private final Map<Long, Long> acked = new ConcurrentHashMap<>();
    private final Map<Long, Long> seen = new ConcurrentHashMap<>();

    /** Matches keys {@code firstKey .. lastKey} (inclusive). */
    public LatencyMatcher(long firstKey, long lastKey) {
        this.firstKey = firstKey;
        this.lastKey = lastKey;
    }

    public void acked(long key, long nanos) {
        if (inRun(key)) {
            acked.putIfAbsent(key, nanos);
        }
    }

    /** The consumer saw an event of {@code key}; only the first sighting counts. */
    public void seen(long key, long nanos) {
        if (inRun(key)) {
            seen.putIfAbsent(key, nanos);
        }
    }

    private boolean inRun(long key) {
        return key >= firstKey && key <= lastKey;
    }

    /** True once every acknowledged write of the run was seen. */
    public boolean allSeen(int expectedAcks) {
        return acked.size() >= expectedAcks && seen.keySet().containsAll(acked.keySet());
    }

    public int ackedCount() {
        return acked.size();
    }

    /** Writes acknowledged but never seen. */
    public int missing() {
        int n = 0;
        for (Long key : acked.keySet()) {
            if (!seen.containsKey(key)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Milliseconds from ack to visible, one sample per acknowledged and seen write. An event can become visible
     * before the driver's callback ran (the node writes the commit log before it answers): such samples are
     * negative and kept as they are.
     */
    public Samples latenciesMillis() {
        Samples s = new Samples();
        acked.forEach((key, ack) -> {
            Long at = seen.get(key);
            if (at != null) {
                s.add((at - ack) / 1_000_000.0);
            }
        });
        return s;
    }
}
