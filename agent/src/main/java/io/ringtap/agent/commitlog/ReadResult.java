package io.ringtap.agent.commitlog;

import java.util.Map;

/**
 * What one pass over a segment found.
 *
 * @param lastPosition position just after the last entry read (handed to the sink, or skipped because it
 *        touches no CDC table; bounded by upToPosition), or the start position when none was
 * @param mutations mutations handed to the sink
 * @param droppedTableMutations mutations skipped because their table no longer exists, by table id
 */
public final class ReadResult {
    private final int lastPosition;
    private final long mutations;
    private final Map<String, Long> droppedTableMutations;

    public ReadResult(int lastPosition, long mutations, Map<String, Long> droppedTableMutations) {
        this.lastPosition = lastPosition;
        this.mutations = mutations;
        this.droppedTableMutations = Map.copyOf(droppedTableMutations);
    }

    public int lastPosition() { return lastPosition; }
    public long mutations() { return mutations; }
    public Map<String, Long> droppedTableMutations() { return droppedTableMutations; }
}
