package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds a table's rows from its EAV events with the reconciliation rules of the spec ("Rebuilding rows
 * from events"): events may be applied in any order and more than once; {@link #rows} gives what
 * {@code SELECT JSON * FROM ks.t} shows.
 *
 * <p>Not thread-safe. Partitions come out ordered by their key's JSON text (not by token), rows by clustering
 * order; compare with {@link RowComparison}, which does not depend on row order.
 */
public final class Fold {
    private static final JsonNodeFactory NODES = FoldJson.MAPPER.getNodeFactory();

    private final TableSchema schema;
    private final Map<String, Partition> partitions = new TreeMap<>();
    private final Comparator<List<JsonNode>> clusteringOrder;

    public Fold(TableSchema schema) {
        this.schema = schema;
        List<Column> cols = schema.clustering();
        this.clusteringOrder = (a, b) -> {
            for (int i = 0; i < cols.size(); i++) {
                int c = ValueOrder.compare(cols.get(i).type(), a.get(i), b.get(i));
                if (c != 0) return cols.get(i).descending() ? -c : c;
            }
            return 0;
        };
    }

    public TableSchema schema() { return schema; }

    /** Whether an event belongs to this fold's table. */
    public boolean accepts(JsonNode event) {
        return schema.keyspace().equals(event.path("keyspace").asText())
                && schema.table().equals(event.path("table").asText());
    }

    public Fold apply(String eventJson) {
        return apply(FoldJson.parse(eventJson));
    }

    /** Applies every event; each must be of this table. */
    public Fold applyAll(Iterable<?> events) {
        for (Object e : events) {
            if (e instanceof JsonNode n) apply(n);
            else apply(e.toString());
        }
        return this;
    }

    /** Applies one event of this table (throws {@link IllegalArgumentException} on anything the schema does not allow). */
    public Fold apply(JsonNode e) {
        if (!accepts(e)) {
            throw new IllegalArgumentException("event of " + e.path("keyspace").asText() + "." + e.path("table").asText()
                    + " given to the fold of " + schema.keyspace() + "." + schema.table());
        }
        String op = e.path("op").asText();
        long ts = e.path("ts").asLong();
        Partition p = partition(e.path("key"));
        switch (op) {
            case "partition_delete" -> p.deletionTs = Math.max(p.deletionTs, ts);
            case "range_delete" -> p.ranges.add(new RangeDeletion(RangeBound.parse(schema, e.path("range").get("start")),
                    RangeBound.parse(schema, e.path("range").get("end")), ts));
            case "row_delete" -> {
                RowState r = row(p, e);
                r.deletionTs = Math.max(r.deletionTs, ts);
            }
            case "row" -> {
                RowState r = row(p, e);
                r.marker = CellVersion.reconcile(null, r.marker, new CellVersion(ts, false, expiresAt(e), null));
            }
            case "cell", "cell_delete", "collection_delete" -> applyCell(p, e, op, ts);
            default -> throw new IllegalArgumentException("unknown op " + op + " in " + e);
        }
        return this;
    }

    private void applyCell(Partition p, JsonNode e, String op, long ts) {
        String name = e.path("column").asText(null);
        if (name == null) throw new IllegalArgumentException(op + " without column: " + e);
        Column col = schema.column(name);
        if (col.kind() == ColumnKind.PARTITION_KEY || col.kind() == ColumnKind.CLUSTERING) {
            throw new IllegalArgumentException(op + " on key column " + name + ": " + e);
        }
        boolean isStatic = e.path("static").asBoolean(false);
        if (isStatic != (col.kind() == ColumnKind.STATIC)) {
            throw new IllegalArgumentException("static flag does not match column " + name + ": " + e);
        }
        RowState r = isStatic ? p.statics : row(p, e);
        CqlType type = col.type();
        if (type.isCounter()) {
            RowState.Counter c = r.counters.computeIfAbsent(name, k -> new RowState.Counter());
            if (op.equals("cell")) {
                JsonNode counter = e.path("counter");
                c.apply(counter.path("shard").asText(), counter.path("clock").asLong(), e.path("value").asLong(), ts);
            } else {
                c.tombstoned = true;
            }
            return;
        }
        JsonNode path = e.get("path");
        if (type.isMultiCell()) {
            RowState.Complex cx = r.complex.computeIfAbsent(name, k -> new RowState.Complex());
            if (op.equals("collection_delete")) {
                cx.deletionTs = Math.max(cx.deletionTs, ts);
                return;
            }
            if (path == null || path.isNull()) throw new IllegalArgumentException(op + " of non-frozen " + name + " without path: " + e);
            CqlType pathType = pathType(type, path);
            JsonNode canonicalPath = JsonNormalizer.normalize(pathType, path);
            String pathKey = canonicalPath.toString();
            CellVersion v = version(e, op, ts);
            RowState.Element old = cx.elements.get(pathKey);
            CellVersion won = CellVersion.reconcile(elementType(type, path), old == null ? null : old.version(), v);
            cx.elements.put(pathKey, new RowState.Element(canonicalPath, won));
            return;
        }
        if (op.equals("collection_delete") || (path != null && !path.isNull())) {
            throw new IllegalArgumentException(op + " with element semantics on single-cell column " + name + ": " + e);
        }
        r.simple.merge(name, version(e, op, ts), (a, b) -> CellVersion.reconcile(type, a, b));
    }

    private static CellVersion version(JsonNode e, String op, long ts) {
        boolean deletion = op.equals("cell_delete");
        return new CellVersion(ts, deletion, deletion ? null : expiresAt(e), deletion ? null : e.get("value"));
    }

    private static Long expiresAt(JsonNode e) {
        JsonNode x = e.get("expires_at");
        return x == null || x.isNull() ? null : x.asLong();
    }

    /** The type of an element's path: map key, set element, list cell id (timeuuid), UDT field name (text). */
    private static CqlType pathType(CqlType type, JsonNode path) {
        return switch (type.kind()) {
            case MAP, SET -> type.element();
            case LIST -> CqlType.nativeType("timeuuid");
            default -> CqlType.nativeType("text");
        };
    }

    /** The type of an element's value: map value, list element, UDT field; a set element has no value. */
    private static CqlType elementType(CqlType type, JsonNode path) {
        return switch (type.kind()) {
            case MAP -> type.mapValue();
            case LIST -> type.element();
            case UDT -> {
                CqlType f = type.fields().get(path.asText());
                if (f == null) throw new IllegalArgumentException("no field " + path + " in " + type.name());
                yield f;
            }
            default -> null;
        };
    }

    private Partition partition(JsonNode key) {
        List<JsonNode> values = new ArrayList<>();
        for (Column c : schema.partitionKey()) {
            JsonNode v = key.get(c.name());
            if (v == null) throw new IllegalArgumentException("key lacks " + c.name() + ": " + key);
            values.add(JsonNormalizer.normalize(c.type(), v));
        }
        if (key.size() != values.size()) throw new IllegalArgumentException("key has extra columns: " + key);
        return partitions.computeIfAbsent(values.toString(), k -> new Partition(values, new TreeMap<>(clusteringOrder)));
    }

    private RowState row(Partition p, JsonNode e) {
        JsonNode c = e.path("clustering");
        List<JsonNode> values = new ArrayList<>();
        for (Column col : schema.clustering()) {
            JsonNode v = c.get(col.name());
            if (v == null) throw new IllegalArgumentException("clustering lacks " + col.name() + ": " + e);
            values.add(JsonNormalizer.normalize(col.type(), v));
        }
        return p.rows.computeIfAbsent(values, k -> new RowState());
    }

    /** The rows as {@code SELECT JSON *} would show them now. */
    public List<ObjectNode> rows() {
        return rows(System.currentTimeMillis() / 1000);
    }

    /** The rows as {@code SELECT JSON *} would show them at {@code nowSeconds} (expiry is judged against it). */
    public List<ObjectNode> rows(long nowSeconds) {
        List<ObjectNode> out = new ArrayList<>();
        for (Partition p : partitions.values()) {
            ObjectNode statics = NODES.objectNode();
            boolean staticLive = false;
            for (Column c : schema.statics()) {
                JsonNode v = value(p.statics, c, p.deletionTs, nowSeconds);
                staticLive |= !v.isNull();
                statics.set(c.jsonKey(), v);
            }
            int before = out.size();
            for (Map.Entry<List<JsonNode>, RowState> r : p.rows.entrySet()) {
                long shadow = Math.max(p.deletionTs, r.getValue().deletionTs);
                for (RangeDeletion rd : p.ranges) {
                    if (rd.ts() > shadow && rd.covers(schema, r.getKey())) shadow = rd.ts();
                }
                ObjectNode row = NODES.objectNode();
                boolean live = r.getValue().marker != null && r.getValue().marker.liveAt(nowSeconds, shadow);
                for (Column c : schema.columns()) {
                    switch (c.kind()) {
                        case PARTITION_KEY -> row.set(c.jsonKey(), p.key.get(schema.partitionKey().indexOf(c)));
                        case CLUSTERING -> row.set(c.jsonKey(), r.getKey().get(schema.clustering().indexOf(c)));
                        case STATIC -> row.set(c.jsonKey(), statics.get(c.jsonKey()));
                        case REGULAR -> {
                            JsonNode v = value(r.getValue(), c, shadow, nowSeconds);
                            live |= !v.isNull();
                            row.set(c.jsonKey(), v);
                        }
                    }
                }
                if (live) out.add(row);
            }
            if (out.size() == before && staticLive) {
                ObjectNode row = NODES.objectNode();
                for (Column c : schema.columns()) {
                    switch (c.kind()) {
                        case PARTITION_KEY -> row.set(c.jsonKey(), p.key.get(schema.partitionKey().indexOf(c)));
                        case STATIC -> row.set(c.jsonKey(), statics.get(c.jsonKey()));
                        default -> row.set(c.jsonKey(), NullNode.getInstance());
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    private JsonNode value(RowState r, Column c, long shadow, long now) {
        CqlType type = c.type();
        if (type.isCounter()) {
            RowState.Counter ctr = r.counters.get(c.name());
            if (ctr == null || ctr.tombstoned || ctr.maxTs <= shadow) return NullNode.getInstance();
            return NODES.numberNode(ctr.sum());
        }
        if (!type.isMultiCell()) {
            CellVersion v = r.simple.get(c.name());
            return v != null && v.liveAt(now, shadow) ? JsonNormalizer.normalize(type, v.value()) : NullNode.getInstance();
        }
        RowState.Complex cx = r.complex.get(c.name());
        if (cx == null) return NullNode.getInstance();
        long effective = Math.max(shadow, cx.deletionTs);
        List<RowState.Element> live = new ArrayList<>();
        for (RowState.Element el : cx.elements.values()) if (el.version().liveAt(now, effective)) live.add(el);
        if (live.isEmpty()) return NullNode.getInstance();
        switch (type.kind()) {
            case SET -> {
                live.sort((a, b) -> ValueOrder.compare(type.element(), a.path(), b.path()));
                ArrayNode out = NODES.arrayNode();
                live.forEach(el -> out.add(el.path()));
                return out;
            }
            case LIST -> {
                CqlType timeuuid = CqlType.nativeType("timeuuid");
                live.sort((a, b) -> ValueOrder.compare(timeuuid, a.path(), b.path()));
                ArrayNode out = NODES.arrayNode();
                live.forEach(el -> out.add(JsonNormalizer.normalize(type.element(), el.version().value())));
                return out;
            }
            case MAP -> {
                live.sort((a, b) -> ValueOrder.compare(type.element(), a.path(), b.path()));
                ObjectNode out = NODES.objectNode();
                for (RowState.Element el : live) {
                    String k = el.path().isTextual() ? el.path().asText() : FoldJson.cassandraText(el.path());
                    out.set(k, JsonNormalizer.normalize(type.mapValue(), el.version().value()));
                }
                return out;
            }
            default -> {
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<String, CqlType> f : type.fields().entrySet()) out.set(Column.jsonName(f.getKey()), NullNode.getInstance());
                for (RowState.Element el : live) {
                    String field = el.path().asText();
                    out.set(Column.jsonName(field), JsonNormalizer.normalize(type.fields().get(field), el.version().value()));
                }
                return out;
            }
        }
    }

    private static final class Partition {
        final List<JsonNode> key;
        final TreeMap<List<JsonNode>, RowState> rows;
        final RowState statics = new RowState();
        final List<RangeDeletion> ranges = new ArrayList<>();
        long deletionTs = Long.MIN_VALUE;

        Partition(List<JsonNode> key, TreeMap<List<JsonNode>, RowState> rows) {
            this.key = key;
            this.rows = rows;
        }
    }
}
