package io.ringtap.lab.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringtap.lab.fold.FoldJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An EAV event a statement must produce according to the spec (never derived from decoder output).
 *
 * <p>Matching covers the spec's content fields ({@code op, keyspace, table, key, clustering, static, column,
 * path, value, type, ts, ttl, range}): a field set here must be equal (numbers by value); a field declared
 * {@link Builder#any any} must be present with any value (a list cell id, a server-side timestamp); every
 * other content field must be absent. {@code v, id, expires_at, counter, source} are not checked unless
 * declared with {@code any}.
 */
public final class ExpectedEvent {
    static final Set<String> CONTENT = Set.of("op", "keyspace", "table", "key", "clustering", "static", "column",
            "path", "value", "type", "ts", "ttl", "range");

    private final ObjectNode fields;
    private final Set<String> any;
    private final String statement;

    private ExpectedEvent(ObjectNode fields, Set<String> any, String statement) {
        this.fields = fields;
        this.any = any;
        this.statement = statement;
    }

    public static Builder of(String op, String keyspace, String table) {
        return new Builder(op, keyspace, table);
    }

    /** The expected fields (content fields only). */
    public ObjectNode fields() { return fields.deepCopy(); }
    /** Fields that must be present with any value. */
    public Set<String> anyFields() { return Set.copyOf(any); }
    /** The CQL statement that produces it. */
    public String statement() { return statement; }

    public boolean matches(JsonNode event) {
        for (String f : CONTENT) {
            JsonNode actual = event.get(f);
            if (any.contains(f)) {
                if (actual == null) return false;
            } else if (fields.has(f)) {
                if (actual == null || !sameJson(fields.get(f), actual)) return false;
            } else if (actual != null) {
                return false;
            }
        }
        for (String f : any) if (!CONTENT.contains(f) && event.get(f) == null) return false;
        return true;
    }

    /** The expectations no event matches, as readable lines (empty when all are met). */
    public static List<String> unmatched(Collection<ExpectedEvent> expected, Collection<? extends JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (ExpectedEvent e : expected) {
            boolean found = false;
            for (JsonNode ev : events) if (e.matches(ev)) { found = true; break; }
            if (!found) out.add(e.toString());
        }
        return out;
    }

    /** The events no expectation matches (with complete expectations: events that should not exist). */
    public static List<JsonNode> unexpected(Collection<ExpectedEvent> expected, Collection<? extends JsonNode> events) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode ev : events) {
            boolean found = false;
            for (ExpectedEvent e : expected) if (e.matches(ev)) { found = true; break; }
            if (!found) out.add(ev);
        }
        return out;
    }

    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameJson(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameJson(e.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    @Override
    public String toString() {
        return fields + (any.isEmpty() ? "" : " + any " + any) + "  <- " + statement;
    }

    /** Builds an expectation; JSON arguments may use single quotes for readability ({@code "{'id':1}"}). */
    public static final class Builder {
        private final ObjectNode fields = FoldJson.MAPPER.createObjectNode();
        private final Set<String> any = new TreeSet<>();
        private String statement = "";

        private Builder(String op, String keyspace, String table) {
            fields.put("op", op).put("keyspace", keyspace).put("table", table);
        }

        public Builder key(String json) { fields.set("key", json(json)); return this; }
        public Builder clustering(String json) { fields.set("clustering", json(json)); return this; }
        public Builder isStatic() { fields.put("static", true); return this; }
        public Builder column(String name) { fields.put("column", name); return this; }
        public Builder path(String json) { fields.set("path", json(json)); return this; }
        /** The value as JSON text ({@code "43"}, {@code "'abc'"}, {@code "null"} for a set element). */
        public Builder value(String json) { fields.set("value", json(json)); return this; }
        public Builder nullValue() { fields.set("value", NullNode.getInstance()); return this; }
        public Builder type(String cql) { fields.put("type", cql); return this; }
        public Builder ts(long ts) { fields.put("ts", ts); return this; }
        public Builder ttl(int ttl) { fields.put("ttl", ttl); any.add("expires_at"); return this; }
        public Builder range(String json) { fields.set("range", json(json)); return this; }
        /** Fields that must be present with any value. */
        public Builder any(String... names) { any.addAll(List.of(names)); return this; }
        public Builder statement(String cql) { statement = cql; return this; }

        public ExpectedEvent build() { return new ExpectedEvent(fields.deepCopy(), new TreeSet<>(any), statement); }

        static JsonNode json(String text) {
            return FoldJson.parse(text.replace('\'', '"'));
        }
    }
}
