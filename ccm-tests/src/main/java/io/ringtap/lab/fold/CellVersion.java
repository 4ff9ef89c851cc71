package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version of a cell (or row marker) as an event states it, and Cassandra 5.0's reconciliation of two
 * versions ({@code Cells.resolveRegular}).
 *
 * @param ts        write or deletion timestamp, microseconds
 * @param deletion  a tombstone ({@code cell_delete})
 * @param expiresAt seconds since the epoch, or {@code null} if not expiring
 * @param value     the JSON value ({@code null} for tombstones, markers and set elements)
 */
record CellVersion(long ts, boolean deletion, Long expiresAt, JsonNode value) {

    static CellVersion reconcile(CqlType type, CellVersion a, CellVersion b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.ts != b.ts) return a.ts > b.ts ? a : b;
        // equal timestamps: a tombstone wins, then an expiring cell, then the later expiry, then the greater bytes
        if (a.deletion != b.deletion) return a.deletion ? a : b;
        boolean ae = a.expiresAt != null, be = b.expiresAt != null;
        if (ae != be) return ae ? a : b;
        if (ae && !a.expiresAt.equals(b.expiresAt)) return a.expiresAt > b.expiresAt ? a : b;
        if (a.deletion || type == null) return a;
        return ValueOrder.compareSerialized(type, a.value, b.value) >= 0 ? a : b;
    }

    /** Live at {@code nowSeconds}, not shadowed by a deletion at {@code shadowTs} (inclusive). */
    boolean liveAt(long nowSeconds, long shadowTs) {
        return !deletion && ts > shadowTs && (expiresAt == null || nowSeconds < expiresAt);
    }
}
