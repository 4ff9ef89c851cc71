package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A {@code range_delete}: start and end in clustering order, either open ({@code null}). */
record RangeDeletion(RangeBound start, RangeBound end, long ts) {

    boolean covers(TableSchema schema, List<JsonNode> clustering) {
        if (start != null) {
            int c = start.compareTo(schema, clustering);
            if (c < 0 || (c == 0 && !start.inclusive())) return false;
        }
        if (end != null) {
            int c = end.compareTo(schema, clustering);
            if (c > 0 || (c == 0 && !end.inclusive())) return false;
        }
        return true;
    }
}
