package io.ringtap.agent.commitlog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Capture counters, written by the follower's thread and read by metrics from any thread. */
public final class CaptureStats {
    final AtomicLong segmentsPending = new AtomicLong();
    final AtomicLong bytesPending = new AtomicLong();
    final AtomicLong mutationsCaptured = new AtomicLong();
    final AtomicLong eventsCaptured = new AtomicLong();
    /** Microseconds since the epoch; 0 until something was captured. */
    final AtomicLong lastCapturedTs = new AtomicLong();
    final AtomicLong segmentsQuarantined = new AtomicLong();
    final AtomicLong segmentsRetired = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> droppedTableMutations = new ConcurrentHashMap<>();

    /** Segments (logs) in cdc_raw at the last poll. */
    public long segmentsPending() { return segmentsPending.get(); }
    /** Bytes of segment logs in cdc_raw at the last poll. */
    public long bytesPending() { return bytesPending.get(); }
    public long mutationsCaptured() { return mutationsCaptured.get(); }
    public long eventsCaptured() { return eventsCaptured.get(); }
    /** The greatest {@code ts} (microseconds) of the last captured mutation's events; 0 before any. */
    public long lastCapturedTs() { return lastCapturedTs.get(); }
    public long segmentsQuarantined() { return segmentsQuarantined.get(); }
    /** Segments deleted or archived after being fully captured. */
    public long segmentsRetired() { return segmentsRetired.get(); }

    /** Total of mutations skipped because their table was dropped before they were read. */
    public long droppedTableMutations() {
        long total = 0;
        for (AtomicLong v : droppedTableMutations.values()) {
            total += v.get();
        }
        return total;
    }

    /** Dropped-table mutations by table id. */
    public Map<String, Long> droppedTableMutationsByTable() {
        Map<String, Long> out = new TreeMap<>();
        droppedTableMutations.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Adds dropped-table mutations; true when this table id is seen for the first time. */
    boolean addDropped(String tableId, long count) {
        AtomicLong previous = droppedTableMutations.putIfAbsent(tableId, new AtomicLong(count));
        if (previous == null) {
            return true;
        }
        previous.addAndGet(count);
        return false;
    }
}
