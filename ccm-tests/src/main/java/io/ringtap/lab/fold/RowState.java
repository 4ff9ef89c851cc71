package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the fold has seen for one row (or for a partition's static row), before reconciliation with deletions. */
final class RowState {
    CellVersion marker;
    long deletionTs = Long.MIN_VALUE;
    final Map<String, CellVersion> simple = new HashMap<>();
    final Map<String, Complex> complex = new HashMap<>();
    final Map<String, Counter> counters = new HashMap<>();

    /** A non-frozen collection or UDT: its own deletion plus one version per element path. */
    static final class Complex {
        long deletionTs = Long.MIN_VALUE;
        /** canonical path text -> (path, version) */
        final Map<String, Element> elements = new LinkedHashMap<>();
    }

    record Element(JsonNode path, CellVersion version) {}

    /** A counter column: the latest (clock, count) per shard; a counter tombstone always wins (CASSANDRA-7346). */
    static final class Counter {
        boolean tombstoned;
        long maxTs = Long.MIN_VALUE;
        final Map<String, long[]> shards = new HashMap<>();

        void apply(String shard, long clock, long count, long ts) {
            maxTs = Math.max(maxTs, ts);
            long[] cur = shards.get(shard);
            // equal clocks: the larger count, as CounterContext merges two copies of one shard
            if (cur == null || clock > cur[0] || (clock == cur[0] && count > cur[1])) {
                shards.put(shard, new long[] {clock, count});
            }
        }

        long sum() {
            long s = 0;
            for (long[] c : shards.values()) s += c[1];
            return s;
        }
    }
}
