package io.ringtap.lab.fold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON mapper of the fold. Numbers with a fraction are read as exact {@code BigDecimal}s (scale kept),
 * so a {@code decimal} like {@code 1.10} or a long {@code varint} survives parsing unchanged; parse events
 * and {@code SELECT JSON} rows with it.
 */
public final class FoldJson {
    /** Exact-number mapper; thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private FoldJson() {}

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one JSON document per non-blank line (the queue dump tool's output). */
    public static List<JsonNode> parseLines(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\\R")) if (!line.isBlank()) out.add(parse(line));
        return out;
    }

    /**
     * JSON text laid out the way Cassandra's {@code toJSONString} writes nested values ({@code ", "} between
     * elements, {@code ": "} after keys): what a non-string map key looks like inside {@code SELECT JSON}.
     */
    public static String cassandraText(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        write(n, sb);
        return sb.toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) sb.append(", ");
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) sb.append(", ");
                first = false;
                sb.append(MAPPER.getNodeFactory().textNode(e.getKey()).toString()).append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            sb.append(n.toString());
        }
    }
}
