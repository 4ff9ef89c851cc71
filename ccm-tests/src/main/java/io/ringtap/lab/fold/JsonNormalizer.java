package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a JSON value of a known CQL type to one canonical form so that two encodings of the same typed
 * value compare equal, and only those. The rules, type by type:
 * <ul>
 *   <li>{@code int, bigint, smallint, tinyint, varint, counter}: the integer value ({@code 5}, {@code 5.0}
 *       and {@code "5"} are equal);</li>
 *   <li>{@code double}: the double value ({@code 1} equals {@code 1.0}); {@code float}: the float value, so
 *       {@code 0.1} equals {@code 0.10000000149011612} (the float widened to double);</li>
 *   <li>{@code decimal}: value AND scale, strictly ({@code 1.0} differs from {@code 1} and {@code 1.00}):
 *       Cassandra keeps the scale and prints it, so a difference there is a real difference;</li>
 *   <li>every other native type (text, timestamp, uuid, blob, inet, date, time, duration, boolean): unchanged,
 *       compared exactly as text, since the spec requires the {@code SELECT JSON} encoding;</li>
 *   <li>sets: elements sorted in the element type's order; maps: keys parsed as their type (so the key
 *       {@code "[1, 2]"} equals {@code "[1,2]"}) and sorted; UDTs: every field present (absent = null);
 *       an empty non-frozen collection is {@code null}, as {@code SELECT} shows it.</li>
 * </ul>
 */
public final class JsonNormalizer {
    private static final JsonNodeFactory NODES = FoldJson.MAPPER.getNodeFactory();

    private JsonNormalizer() {}

    public static JsonNode normalize(CqlType type, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return NullNode.getInstance();
        switch (type.kind()) {
            case LIST: case VECTOR: {
                if (type.isMultiCell() && v.isArray() && v.isEmpty()) return NullNode.getInstance();
                ArrayNode out = NODES.arrayNode();
                for (JsonNode e : v) out.add(normalize(type.element(), e));
                return out;
            }
            case TUPLE: {
                ArrayNode out = NODES.arrayNode();
                for (int i = 0; i < v.size(); i++) {
                    out.add(i < type.components().size() ? normalize(type.components().get(i), v.get(i)) : v.get(i));
                }
                return out;
            }
            case SET: {
                if (type.isMultiCell() && v.isEmpty()) return NullNode.getInstance();
                List<JsonNode> es = new ArrayList<>();
                for (JsonNode e : v) es.add(normalize(type.element(), e));
                es.sort((a, b) -> ValueOrder.compare(type.element(), a, b));
                ArrayNode out = NODES.arrayNode();
                es.forEach(out::add);
                return out;
            }
            case MAP: {
                if (type.isMultiCell() && v.isEmpty()) return NullNode.getInstance();
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<JsonNode, JsonNode> e : ValueOrder.mapEntries(type, v)) {
                    JsonNode k = normalize(type.element(), e.getKey());
                    out.set(k.isTextual() ? k.asText() : k.toString(), normalize(type.mapValue(), e.getValue()));
                }
                return out;
            }
            case UDT: {
                ObjectNode out = NODES.objectNode();
                boolean any = false;
                for (Map.Entry<String, CqlType> f : type.fields().entrySet()) {
                    JsonNode fv = normalize(f.getValue(), ValueOrder.field(v, f.getKey()));
                    any |= !fv.isNull();
                    out.set(Column.jsonName(f.getKey()), fv);
                }
                return (type.isMultiCell() && !any) ? NullNode.getInstance() : out;
            }
            default:
                try {
                    return normalizeNative(type.name(), v);
                } catch (RuntimeException e) {
                    // a value that does not fit its type stays as it is, so the diff shows it rather than a stack trace
                    return v;
                }
        }
    }

    private static JsonNode normalizeNative(String name, JsonNode v) {
        switch (name) {
            case "int": case "bigint": case "smallint": case "tinyint": case "varint": case "counter":
                if (v.isTextual()) return NODES.numberNode(new BigInteger(v.asText()));
                if (v.isNumber()) return NODES.numberNode(v.decimalValue().toBigIntegerExact());
                return v;
            case "double":
                return v.isNumber() || v.isTextual() ? NODES.numberNode(Double.parseDouble(v.asText())) : v;
            case "float":
                return v.isNumber() || v.isTextual() ? NODES.numberNode(Float.parseFloat(v.asText())) : v;
            case "decimal":
                return v.isNumber() || v.isTextual() ? NODES.numberNode(new BigDecimal(v.asText())) : v;
            default:
                return v;
        }
    }
}
