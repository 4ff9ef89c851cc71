package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-written EAV events for fold tests, in the spec's shape (no id/source: the fold ignores them). */
final class Events {
    private final ObjectNode e = FoldJson.MAPPER.createObjectNode();

    private Events(String op, String keyspace, String table, long ts) {
        e.put("v", 1).put("op", op).put("keyspace", keyspace).put("table", table).put("ts", ts);
    }

    static Events of(String op, long ts) { return new Events(op, "ks", "t", ts); }

    Events key(String json) { e.set("key", FoldJson.parse(json)); return this; }
    Events clustering(String json) { e.set("clustering", FoldJson.parse(json)); return this; }
    Events column(String name) { e.put("column", name); return this; }
    Events value(String json) { e.set("value", FoldJson.parse(json)); return this; }
    Events path(String json) { e.set("path", FoldJson.parse(json)); return this; }
    Events isStatic() { e.put("static", true); return this; }
    Events ttl(int ttl, long expiresAt) { e.put("ttl", ttl).put("expires_at", expiresAt); return this; }
    Events range(String json) { e.set("range", FoldJson.parse(json)); return this; }
    Events counter(String shard, long clock) {
        e.putObject("counter").put("shard", shard).put("clock", clock);
        return this;
    }
    JsonNode json() { return e.deepCopy(); }
}
