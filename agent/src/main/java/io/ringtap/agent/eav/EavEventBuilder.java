package io.ringtap.agent.eav;

import java.util.Objects;

/**
 * Builds one {@link EavEvent}: its {@code id} (see {@link EventId}) and its compact JSON document with the
 * fields in the order of shared/spec/eav-event.md. JSON-valued fields ({@code key}, {@code clustering},
 * {@code path}, {@code value}) are given as compact JSON text and embedded verbatim.
 */
public final class EavEventBuilder {
    private final Op op;
    private final String keyspace;
    private final String table;
    private final String key;
    private String clustering;
    private boolean isStatic;
    private String column;
    private String path;
    private String value;
    private String type;
    private long ts;
    private boolean hasTs;
    private int ttl;
    private long expiresAt;
    private boolean hasTtl;
    private String range;
    private String counter;

    private EavEventBuilder(Op op, String keyspace, String table, String key) {
        this.op = Objects.requireNonNull(op, "op");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Starts an event; {@code keyJson} is the compact JSON object of the partition key (also the record key). */
    public static EavEventBuilder event(Op op, String keyspace, String table, String keyJson) {
        return new EavEventBuilder(op, keyspace, table, keyJson);
    }

    /** Compact JSON object of the clustering columns; {@code null} for none. */
    public EavEventBuilder clustering(String clusteringJson) {
        this.clustering = clusteringJson;
        return this;
    }

    /** Marks an event on a static column. */
    public EavEventBuilder staticColumn() {
        this.isStatic = true;
        return this;
    }

    public EavEventBuilder column(String name) {
        this.column = name;
        return this;
    }

    /** Compact JSON of the element path (map key, set element, list cell id, UDT field name). */
    public EavEventBuilder path(String pathJson) {
        this.path = pathJson;
        return this;
    }

    /** Compact JSON of the value ({@code "null"} for a set element) and the CQL type text. */
    public EavEventBuilder value(String valueJson, String cqlType) {
        this.value = Objects.requireNonNull(valueJson, "valueJson");
        this.type = Objects.requireNonNull(cqlType, "cqlType");
        return this;
    }

    /** Write or deletion timestamp, microseconds since the epoch. */
    public EavEventBuilder ts(long micros) {
        this.ts = micros;
        this.hasTs = true;
        return this;
    }

    /** TTL in seconds and the expiry moment in seconds since the epoch. */
    public EavEventBuilder ttl(int ttlSeconds, long expiresAtSeconds) {
        this.ttl = ttlSeconds;
        this.expiresAt = expiresAtSeconds;
        this.hasTtl = true;
        return this;
    }

    /**
     * The deleted range. A {@code null} clustering means that bound is open (absent from the JSON);
     * clusterings are compact JSON objects, possibly prefixes.
     */
    public EavEventBuilder range(String startClustering, boolean startInclusive,
                                 String endClustering, boolean endInclusive) {
        JsonWriter w = JsonWriter.reused().startObject();
        writeBound(w, "start", startClustering, startInclusive);
        writeBound(w, "end", endClustering, endInclusive);
        this.range = w.endObject().toString();
        return this;
    }

    private static void writeBound(JsonWriter w, String name, String clustering, boolean inclusive) {
        if (clustering == null) {
            return;
        }
        w.name(name).startObject()
         .rawMember("clustering", clustering)
         .boolMember("inclusive", inclusive)
         .endObject();
    }

    /** The counter shard of a counter cell: counter id (uuid text) and clock. */
    public EavEventBuilder counter(String shard, long clock) {
        this.counter = JsonWriter.reused().startObject()
                .stringMember("shard", shard)
                .numberMember("clock", clock)
                .endObject().toString();
        return this;
    }

    /** The deterministic id of the change described so far (independent of any source). */
    public String id() {
        if (!hasTs) {
            throw new IllegalStateException("ts is required");
        }
        return EventId.of(keyspace, table, op.wireName(), key, clustering, range, isStatic ? "true" : null,
                column, path, Long.toString(ts), hasTtl ? Integer.toString(ttl) : null, value, counter);
    }

    public EavEvent build(Source source) {
        String id = id();
        JsonWriter w = JsonWriter.reused().startObject()
                .numberMember("v", 1)
                .stringMember("id", id)
                .stringMember("op", op.wireName())
                .stringMember("keyspace", keyspace)
                .stringMember("table", table)
                .rawMember("key", key);
        raw(w, "clustering", clustering);
        if (isStatic) {
            w.boolMember("static", true);
        }
        if (column != null) {
            w.stringMember("column", column);
        }
        raw(w, "path", path);
        raw(w, "value", value);
        if (type != null) {
            w.stringMember("type", type);
        }
        w.numberMember("ts", ts);
        if (hasTtl) {
            w.numberMember("ttl", ttl).numberMember("expires_at", expiresAt);
        }
        raw(w, "range", range);
        raw(w, "counter", counter);
        w.name("source").startObject()
         .stringMember("capture", source.capture())
         .stringMember("node", source.node())
         .stringMember("dc", source.dc());
        if (source.hasPosition()) {
            w.numberMember("segment", source.segment()).numberMember("position", source.position());
        }
        w.endObject().endObject();
        return new EavEvent(id, op, keyspace, table, key, w.toString());
    }

    private static void raw(JsonWriter w, String name, String json) {
        if (json != null) {
            w.rawMember(name, json);
        }
    }
}
