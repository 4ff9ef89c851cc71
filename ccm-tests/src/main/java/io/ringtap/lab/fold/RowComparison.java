package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares {@code SELECT JSON *} rows with folded rows of one table, independent of row order and of
 * value encodings that mean the same typed value (see {@link JsonNormalizer} for exactly which). Rows are
 * matched by primary key; a static-only row matches by partition key with null clustering. Normalised rows
 * are compared by their JSON text (Jackson's {@code DecimalNode.equals} ignores scale; the text does not).
 */
public final class RowComparison {
    private RowComparison() {}

    /** The outcome: {@link #matches()} and, when not, a readable {@link #diff()}. */
    public record Result(boolean matches, String diff) {
        @Override
        public String toString() { return matches ? "rows match" : diff; }
    }

    /**
     * @param selectRows rows of {@code SELECT JSON *} (JsonNode objects or JSON strings)
     * @param foldRows   rows of {@link Fold#rows} (JsonNode objects or JSON strings)
     */
    public static Result compare(TableSchema schema, Iterable<?> selectRows, Iterable<?> foldRows) {
        List<String> problems = new ArrayList<>();
        Map<String, ObjectNode> select = index(schema, selectRows, "SELECT JSON", problems);
        Map<String, ObjectNode> fold = index(schema, foldRows, "fold", problems);
        List<String> lines = new ArrayList<>();
        int missing = 0, extra = 0, differing = 0;
        for (Map.Entry<String, ObjectNode> e : select.entrySet()) {
            ObjectNode f = fold.get(e.getKey());
            if (f == null) {
                missing++;
                lines.add("  only in SELECT JSON: " + e.getValue());
            } else if (!f.toString().equals(e.getValue().toString())) {
                differing++;
                lines.add("  differs at " + e.getKey() + ":");
                for (Iterator<String> it = e.getValue().fieldNames(); it.hasNext(); ) {
                    String col = it.next();
                    JsonNode s = e.getValue().get(col), fv = f.get(col);
                    if (!s.toString().equals(String.valueOf(fv))) lines.add("    " + col + ": SELECT JSON=" + s + "  fold=" + fv);
                }
            }
        }
        for (Map.Entry<String, ObjectNode> e : fold.entrySet()) {
            if (!select.containsKey(e.getKey())) {
                extra++;
                lines.add("  only in fold: " + e.getValue());
            }
        }
        if (problems.isEmpty() && lines.isEmpty()) return new Result(true, "");
        StringBuilder sb = new StringBuilder();
        sb.append(schema.keyspace()).append('.').append(schema.table()).append(": SELECT JSON has ").append(select.size())
                .append(" rows, fold has ").append(fold.size()).append(" rows; ").append(missing).append(" only in SELECT JSON, ")
                .append(extra).append(" only in fold, ").append(differing).append(" differing\n");
        for (String p : problems) sb.append("  ").append(p).append('\n');
        for (String l : lines) sb.append(l).append('\n');
        return new Result(false, sb.toString());
    }

    /** Throws an {@link AssertionError} carrying the diff when the rows differ. */
    public static void assertSameRows(TableSchema schema, Iterable<?> selectRows, Iterable<?> foldRows) {
        Result r = compare(schema, selectRows, foldRows);
        if (!r.matches()) throw new AssertionError("fold differs from SELECT JSON\n" + r.diff());
    }

    /** One row brought to canonical form: every column of the schema, in SELECT * order, values normalised. */
    public static ObjectNode normalizeRow(TableSchema schema, JsonNode row) {
        ObjectNode out = FoldJson.MAPPER.createObjectNode();
        for (Column c : schema.columns()) {
            JsonNode v = row.has(c.jsonKey()) ? row.get(c.jsonKey()) : row.get(c.name());
            out.set(c.jsonKey(), JsonNormalizer.normalize(c.type(), v));
        }
        return out;
    }

    private static Map<String, ObjectNode> index(TableSchema schema, Iterable<?> rows, String side, List<String> problems) {
        Map<String, ObjectNode> out = new TreeMap<>();
        for (Object o : rows) {
            JsonNode row = o instanceof JsonNode n ? n : FoldJson.parse(o.toString());
            for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!schema.hasColumn(k) && !hasJsonKey(schema, k)) problems.add(side + " row has unknown column " + k + ": " + row);
            }
            ObjectNode n = normalizeRow(schema, row);
            String key = primaryKey(schema, n);
            if (out.put(key, n) != null) problems.add(side + " has the primary key " + key + " twice");
        }
        return out;
    }

    private static boolean hasJsonKey(TableSchema schema, String k) {
        for (Column c : schema.columns()) if (c.jsonKey().equals(k)) return true;
        return false;
    }

    private static String primaryKey(TableSchema schema, ObjectNode row) {
        Map<String, JsonNode> key = new LinkedHashMap<>();
        for (Column c : schema.partitionKey()) key.put(c.name(), row.get(c.jsonKey()));
        for (Column c : schema.clustering()) key.put(c.name(), row.get(c.jsonKey()));
        return FoldJson.MAPPER.valueToTree(key).toString();
    }
}
