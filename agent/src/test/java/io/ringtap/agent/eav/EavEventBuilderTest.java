package io.ringtap.agent.eav;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EavEventBuilder} against the Jackson-generator code it ran before {@link JsonWriter} (kept here as
 * the oracle, copied unchanged): same JSON document and, through the range and counter texts, same id.
 */
class EavEventBuilderTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final String ODD = "q\"b\\s/\n\t\u0001\u001f é 中 😀 \uD83D lone";

    /** The inputs of one event, fed both to the builder and to the oracle. */
    private static final class Spec {
        Op op;
        String keyspace = "ks";
        String table = "t";
        String key = "{\"id\":1}";
        String clustering;
        boolean isStatic;
        String column;
        String path;
        String value;
        String type;
        long ts = 1763863687123456L;
        boolean hasTtl;
        int ttl;
        long expiresAt;
        boolean hasRange;
        String rangeStart;
        boolean startInclusive;
        String rangeEnd;
        boolean endInclusive;
        String shard;
        long clock;

        Spec(Op op) {
            this.op = op;
        }

        Spec value(String json, String cqlType) {
            this.value = json;
            this.type = cqlType;
            return this;
        }

        Spec ttl(int seconds, long expiresAtSeconds) {
            this.hasTtl = true;
            this.ttl = seconds;
            this.expiresAt = expiresAtSeconds;
            return this;
        }

        EavEvent build(Source source) {
            EavEventBuilder b = EavEventBuilder.event(op, keyspace, table, key).clustering(clustering);
            if (isStatic) {
                b.staticColumn();
            }
            if (column != null) {
                b.column(column);
            }
            b.path(path);
            if (value != null) {
                b.value(value, type);
            }
            b.ts(ts);
            if (hasTtl) {
                b.ttl(ttl, expiresAt);
            }
            if (hasRange) {
                b.range(rangeStart, startInclusive, rangeEnd, endInclusive);
            }
            if (shard != null) {
                b.counter(shard, clock);
            }
            return b.build(source);
        }
    }

    // ---- the oracle: EavEventBuilder's Jackson code before JsonWriter ----

    private static String oracleRange(Spec s) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(w)) {
            g.writeStartObject();
            oracleBound(g, "start", s.rangeStart, s.startInclusive);
            oracleBound(g, "end", s.rangeEnd, s.endInclusive);
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void oracleBound(JsonGenerator g, String name, String clustering, boolean inclusive)
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

    private static String oracleCounter(Spec s) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("shard", s.shard);
            g.writeNumberField("clock", s.clock);
            g.writeEndObject();
        }
        return w.toString();
    }

    private static String oracleJson(Spec s, Source source) {
        try {
            String range = s.hasRange ? oracleRange(s) : null;
            String counter = s.shard != null ? oracleCounter(s) : null;
            String id = EventId.of(s.keyspace, s.table, s.op.wireName(), s.key, s.clustering, range,
                    s.isStatic ? "true" : null, s.column, s.path, Long.toString(s.ts),
                    s.hasTtl ? Integer.toString(s.ttl) : null, s.value, counter);
            StringWriter w = new StringWriter(256);
            try (JsonGenerator g = JACKSON.createGenerator(w)) {
                g.writeStartObject();
                g.writeNumberField("v", 1);
                g.writeStringField("id", id);
                g.writeStringField("op", s.op.wireName());
                g.writeStringField("keyspace", s.keyspace);
                g.writeStringField("table", s.table);
                oracleRaw(g, "key", s.key);
                oracleRaw(g, "clustering", s.clustering);
                if (s.isStatic) {
                    g.writeBooleanField("static", true);
                }
                if (s.column != null) {
                    g.writeStringField("column", s.column);
                }
                oracleRaw(g, "path", s.path);
                oracleRaw(g, "value", s.value);
                if (s.type != null) {
                    g.writeStringField("type", s.type);
                }
                g.writeNumberField("ts", s.ts);
                if (s.hasTtl) {
                    g.writeNumberField("ttl", s.ttl);
                    g.writeNumberField("expires_at", s.expiresAt);
                }
                oracleRaw(g, "range", range);
                oracleRaw(g, "counter", counter);
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
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void oracleRaw(JsonGenerator g, String name, String json) throws IOException {
        if (json != null) {
            g.writeFieldName(name);
            g.writeRawValue(json);
        }
    }

    // ---- the cases ----

    /** Every op with the fields the decoder gives it, plain and with odd names and strings. */
    private static List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        for (boolean odd : new boolean[] {false, true}) {
            String name = odd ? ODD : "c";
            for (Op op : Op.values()) {
                Spec bare = new Spec(op);
                out.add(bare);

                Spec full = new Spec(op);
                full.keyspace = odd ? ODD : "weather";
                full.table = odd ? ODD : "raw_data";
                full.key = "{\"wsid\":\"725030:14732\",\"n\":-5}";
                full.clustering = "{\"year\":2026,\"when\":\"2026-11-23T02:00:00.000Z\"}";
                full.column = name;
                full.ts = Long.MIN_VALUE + 1;
                out.add(full);
            }
            Spec cell = new Spec(Op.CELL).value("\"text with \\\"quotes\\\" and é\"",
                    odd ? ODD : "map<text, frozen<list<int>>>").ttl(Integer.MAX_VALUE, 4294967295L);
            cell.column = name;
            cell.path = "{\"k\":[1,2]}";
            out.add(cell);

            Spec staticRow = new Spec(Op.ROW).ttl(60, 1763863747L);
            staticRow.isStatic = true;
            out.add(staticRow);

            Spec setElement = new Spec(Op.CELL).value("null", "int");
            setElement.column = name;
            setElement.isStatic = true;
            setElement.path = "5";
            out.add(setElement);

            Spec counter = new Spec(Op.CELL).value("-42", "counter");
            counter.column = name;
            counter.shard = odd ? ODD : "4a2c7d9e-0000-4000-8000-000000000001";
            counter.clock = Long.MAX_VALUE;
            out.add(counter);

            boolean[][] bounds = {{true, true}, {true, false}, {false, true}, {false, false}};
            for (boolean[] b : bounds) {
                for (int open = 0; open < 4; open++) {
                    Spec range = new Spec(Op.RANGE_DELETE);
                    range.hasRange = true;
                    range.rangeStart = (open & 1) != 0 ? null : "{\"year\":2026,\"month\":3}";
                    range.rangeEnd = (open & 2) != 0 ? null : "{\"" + name.replace("\"", "\\\"") + "\":7}";
                    range.startInclusive = b[0];
                    range.endInclusive = b[1];
                    out.add(range);
                }
            }
        }
        return out;
    }

    @Test
    void should_build_what_the_jackson_builder_built_when_events_cover_every_op_and_field() {
        // Given
        List<Source> sources = List.of(Source.cdc("node-a", "analytics", 1763863600001L, 48211),
                Source.cdc(ODD, ODD, 0, 0), Source.trigger("node-b", "dc \"2\""));
        List<Spec> specs = specs();

        // When / Then
        for (Source source : sources) {
            for (Spec spec : specs) {
                EavEvent event = spec.build(source);
                String expected = oracleJson(spec, source);
                assertThat(event.json()).isEqualTo(expected);
                assertThat(expected).contains("\"id\":\"" + event.id() + "\"");
            }
        }
    }

    @Test
    void should_write_range_and_counter_texts_into_the_event_when_built() {
        // Given / When
        EavEvent range = EavEventBuilder.event(Op.RANGE_DELETE, "ks", "t", "{\"id\":1}")
                .range(null, false, "{\"c\":7}", true).ts(5).build(Source.trigger("n", "d"));
        EavEvent counter = EavEventBuilder.event(Op.CELL, "ks", "t", "{\"id\":1}").column("hits")
                .value("3", "counter").counter("s-1", 9).ts(5).build(Source.trigger("n", "d"));

        // Then
        assertThat(range.json()).contains(",\"range\":{\"end\":{\"clustering\":{\"c\":7},\"inclusive\":true}},");
        assertThat(counter.json()).contains(",\"counter\":{\"shard\":\"s-1\",\"clock\":9},");
    }
}
