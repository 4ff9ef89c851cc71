package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One bound of a {@code range_delete}: a clustering prefix and whether rows with that prefix are inside. */
record RangeBound(List<JsonNode> prefix, boolean inclusive) {

    /** Reads a bound object ({@code {"clustering": {...}, "inclusive": bool}}); {@code null} for an open bound. */
    static RangeBound parse(TableSchema schema, JsonNode bound) {
        if (bound == null || bound.isNull() || bound.isMissingNode()) return null;
        JsonNode c = bound.path("clustering");
        List<JsonNode> prefix = new ArrayList<>();
        for (Column col : schema.clustering()) {
            JsonNode v = c.get(col.name());
            if (v == null) break;
            prefix.add(JsonNormalizer.normalize(col.type(), v));
        }
        if (prefix.size() != c.size()) {
            throw new IllegalArgumentException("range bound is not a clustering prefix of " + schema.table() + ": " + bound);
        }
        return new RangeBound(prefix, bound.path("inclusive").asBoolean(false));
    }

    /**
     * Compares a full clustering with this bound's prefix in the table's clustering order (DESC columns
     * reversed); 0 when the clustering starts with the prefix.
     */
    int compareTo(TableSchema schema, List<JsonNode> clustering) {
        List<Column> cols = schema.clustering();
        for (int i = 0; i < prefix.size(); i++) {
            int c = ValueOrder.compare(cols.get(i).type(), clustering.get(i), prefix.get(i));
            if (c != 0) return cols.get(i).descending() ? -c : c;
        }
        return 0;
    }
}
