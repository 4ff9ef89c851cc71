package io.ringtap.agent.eav;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            writeBound(g, "start", startClustering, startInclusive);
            writeBound(g, "end", endClustering, endInclusive);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.range = w.toString();
        return this;
    }

    private static void writeBound(JsonGenerator g, String name, String clustering, boolean inclusive)
            throws IOException {
        if (clustering == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeFieldName("clustering");
        g.writeRawValue(clustering);
        g.writeBooleanField("inclusive", inclusive);
        g.writeEndObject();
    }

    /** The counter shard of a counter cell: counter id (uuid text) and clock. */
    public EavEventBuilder counter(String shard, long clock) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("shard", shard);
            g.writeNumberField("clock", clock);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.counter = w.toString();
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
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("id", id);
            g.writeStringField("op", op.wireName());
            g.writeStringField("keyspace", keyspace);
            g.writeStringField("table", table);
            raw(g, "key", key);
            raw(g, "clustering", clustering);
            if (isStatic) {
                g.writeBooleanField("static", true);
            }
            if (column != null) {
                g.writeStringField("column", column);
            }
            raw(g, "path", path);
            raw(g, "value", value);
            if (type != null) {
                g.writeStringField("type", type);
            }
            g.writeNumberField("ts", ts);
            if (hasTtl) {
                g.writeNumberField("ttl", ttl);
                g.writeNumberField("expires_at", expiresAt);
            }
            raw(g, "range", range);
            raw(g, "counter", counter);
            g.writeObjectFieldStart("source");
            g.writeStringField("capture", source.capture());
            g.writeStringField("node", source.node());
            g.writeStringField("dc", source.dc());
            if (source.hasPosition()) {
                g.writeNumberField("segment", source.segment());
                g.writeNumberField("position", source.position());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EavEvent(id, op, keyspace, table, key, w.toString());
    }

    private static void raw(JsonGenerator g, String name, String json) throws IOException {
        if (json != null) {
            g.writeFieldName(name);
            g.writeRawValue(json);
        }
    }
}
