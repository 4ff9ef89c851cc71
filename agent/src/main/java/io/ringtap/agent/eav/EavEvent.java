package io.ringtap.agent.eav;

import java.util.Objects;

/**
 * One EAV event in its serialized form: the complete JSON document of shared/spec/eav-event.md plus the
 * fields the queue and the forwarder need without parsing it (id, op, keyspace, table, Kafka record key).
 * Built by the eav package's builder (which computes {@code id} and {@code json}); read back from the
 * queue unchanged.
 */
public final class EavEvent {
    private final String id;
    private final Op op;
    private final String keyspace;
    private final String table;
    private final String recordKey;
    private final String json;

    public EavEvent(String id, Op op, String keyspace, String table, String recordKey, String json) {
        this.id = Objects.requireNonNull(id, "id");
        this.op = Objects.requireNonNull(op, "op");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.table = Objects.requireNonNull(table, "table");
        this.recordKey = Objects.requireNonNull(recordKey, "recordKey");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** 32 lowercase hex digits, deterministic over the change (never over the source). */
    public String id() { return id; }
    public Op op() { return op; }
    public String keyspace() { return keyspace; }
    public String table() { return table; }
    /** The Kafka record key: JSON of the partition key columns in schema order. */
    public String recordKey() { return recordKey; }
    /** The whole event document, {@code source} included. */
    public String json() { return json; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof EavEvent)) return false;
        EavEvent that = (EavEvent) o;
        return id.equals(that.id) && op == that.op && keyspace.equals(that.keyspace)
                && table.equals(that.table) && recordKey.equals(that.recordKey) && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        // no values: events may be logged
        return "EavEvent{" + op.wireName() + " " + keyspace + "." + table + " id=" + id + "}";
    }
}
