package io.ringtap.lab.fold;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders JSON values the way Cassandra orders the typed values they encode.
 *
 * <p>{@link #compare} is the type's comparator (clustering order, set and map-key order).
 * {@link #compareSerialized} approximates the last tie-break of cell reconciliation, which compares the
 * cells' serialized bytes as unsigned bytes: for native types the JSON value is re-serialized exactly the way
 * Cassandra serializes it (so e.g. a negative {@code int} is greater than a positive one, as its first byte
 * is 0xff); for collections, tuples, UDTs, vectors and {@code duration} the approximation compares the UTF-8
 * bytes of the JSON text instead, which can disagree with Cassandra. Only equal-timestamp, equal-expiry
 * writes of different values reach this tie-break.
 */
public final class ValueOrder {
    private static final DateTimeFormatter CASSANDRA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX");

    private ValueOrder() {}

    /** Cassandra's comparator of {@code type}; nulls first. */
    public static int compare(CqlType type, JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) return (b == null || b.isNull()) ? 0 : -1;
        if (b == null || b.isNull()) return 1;
        switch (type.kind()) {
            case LIST: case SET: case VECTOR:
                return compareSequences(elementTypes(type, Math.max(a.size(), b.size())), a, b);
            case TUPLE:
                return compareSequences(type.components(), a, b);
            case MAP:
                return compareMaps(type, a, b);
            case UDT: {
                List<CqlType> fts = new ArrayList<>(type.fields().values());
                List<JsonNode> av = new ArrayList<>(), bv = new ArrayList<>();
                for (String f : type.fields().keySet()) {
                    av.add(field(a, f));
                    bv.add(field(b, f));
                }
                for (int i = 0; i < fts.size(); i++) {
                    int c = compare(fts.get(i), av.get(i), bv.get(i));
                    if (c != 0) return c;
                }
                return 0;
            }
            default:
                return compareNative(type.name(), a, b);
        }
    }

    /** Unsigned comparison of Cassandra's serialized bytes (see the class comment for the approximation). */
    public static int compareSerialized(CqlType type, JsonNode a, JsonNode b) {
        return Arrays.compareUnsigned(serialize(type, a), serialize(type, b));
    }

    static JsonNode field(JsonNode udtValue, String field) {
        JsonNode v = udtValue.get(Column.jsonName(field));
        return v != null ? v : udtValue.get(field);
    }

    private static List<CqlType> elementTypes(CqlType type, int n) {
        List<CqlType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(type.element());
        return out;
    }

    private static int compareSequences(List<CqlType> types, JsonNode a, JsonNode b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(types.get(i), a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareMaps(CqlType type, JsonNode a, JsonNode b) {
        List<Map.Entry<JsonNode, JsonNode>> ae = mapEntries(type, a), be = mapEntries(type, b);
        for (int i = 0; i < Math.min(ae.size(), be.size()); i++) {
            int c = compare(type.element(), ae.get(i).getKey(), be.get(i).getKey());
            if (c == 0) c = compare(type.mapValue(), ae.get(i).getValue(), be.get(i).getValue());
            if (c != 0) return c;
        }
        return Integer.compare(ae.size(), be.size());
    }

    /** A map value's entries with keys parsed back to their type's JSON, in key order. */
    static List<Map.Entry<JsonNode, JsonNode>> mapEntries(CqlType type, JsonNode map) {
        List<Map.Entry<JsonNode, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(mapKey(type.element(), e.getKey()), e.getValue()));
        }
        out.sort((x, y) -> compare(type.element(), x.getKey(), y.getKey()));
        return out;
    }

    /** Turns a {@code SELECT JSON} map key (always a JSON string) back into the key type's JSON value. */
    static JsonNode mapKey(CqlType keyType, String key) {
        if (keyType.isJsonString()) return FoldJson.MAPPER.getNodeFactory().textNode(key);
        return FoldJson.parse(key);
    }

    private static int compareNative(String name, JsonNode a, JsonNode b) {
        switch (name) {
            case "int": case "bigint": case "smallint": case "tinyint": case "varint": case "counter":
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            case "float": case "double": case "decimal":
                return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
            case "boolean":
                return Boolean.compare(a.asBoolean(), b.asBoolean());
            case "timestamp":
                return Long.compare(timestampMillis(a), timestampMillis(b));
            case "date":
                return Long.compare(LocalDate.parse(a.asText()).toEpochDay(), LocalDate.parse(b.asText()).toEpochDay());
            case "time":
                return Long.compare(LocalTime.parse(a.asText()).toNanoOfDay(), LocalTime.parse(b.asText()).toNanoOfDay());
            case "uuid": case "timeuuid":
                return compareUuids(UUID.fromString(a.asText()), UUID.fromString(b.asText()));
            case "inet": case "blob":
                return Arrays.compareUnsigned(serializeNative(name, a), serializeNative(name, b));
            default:
                // text, ascii, varchar (UTF-8 byte order equals code point order), duration (no order in CQL)
                return compareCodePoints(a.asText(), b.asText());
        }
    }

    private static int compareCodePoints(String x, String y) {
        return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }

    private static int compareUuids(UUID x, UUID y) {
        int c = Integer.compare(x.version(), y.version());
        if (c != 0) return c;
        if (x.version() == 1) {
            c = Long.compare(x.timestamp(), y.timestamp());
            if (c != 0) return c;
            // TimeUUIDType compares the low bits as signed bytes
            return Long.compareUnsigned(x.getLeastSignificantBits() ^ 0x8080808080808080L,
                    y.getLeastSignificantBits() ^ 0x8080808080808080L);
        }
        c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }

    /** Epoch millis of a timestamp in SELECT JSON form ({@code 2026-11-23 02:00:00.000Z}), ISO form, or a number. */
    public static long timestampMillis(JsonNode n) {
        if (n.isNumber()) return n.longValue();
        String s = n.asText();
        try {
            return OffsetDateTime.parse(s, CASSANDRA_TIMESTAMP).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Instant.parse(s.replace(' ', 'T')).toEpochMilli();
        }
    }

    private static byte[] serialize(CqlType type, JsonNode n) {
        if (n == null || n.isNull()) return new byte[0];
        if (type.kind() == CqlType.Kind.NATIVE && !type.name().equals("duration")) {
            try {
                return serializeNative(type.name(), n);
            } catch (RuntimeException e) {
                // an unexpected encoding: fall through to the text approximation
            }
        }
        String text = n.isTextual() ? n.asText() : FoldJson.cassandraText(n);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serializeNative(String name, JsonNode n) {
        switch (name) {
            case "int": return ByteBuffer.allocate(4).putInt(n.intValue()).array();
            case "bigint": case "counter": return ByteBuffer.allocate(8).putLong(n.longValue()).array();
            case "smallint": return ByteBuffer.allocate(2).putShort((short) n.intValue()).array();
            case "tinyint": return new byte[] {(byte) n.intValue()};
            case "varint": return n.bigIntegerValue().toByteArray();
            case "float": return ByteBuffer.allocate(4).putFloat(n.floatValue()).array();
            case "double": return ByteBuffer.allocate(8).putDouble(n.doubleValue()).array();
            case "decimal": {
                BigDecimal d = new BigDecimal(n.asText());
                byte[] unscaled = d.unscaledValue().toByteArray();
                return ByteBuffer.allocate(4 + unscaled.length).putInt(d.scale()).put(unscaled).array();
            }
            case "boolean": return new byte[] {(byte) (n.asBoolean() ? 1 : 0)};
            case "timestamp": return ByteBuffer.allocate(8).putLong(timestampMillis(n)).array();
            case "date": return ByteBuffer.allocate(4).putInt((int) (LocalDate.parse(n.asText()).toEpochDay() + (1L << 31))).array();
            case "time": return ByteBuffer.allocate(8).putLong(LocalTime.parse(n.asText()).toNanoOfDay()).array();
            case "uuid": case "timeuuid": {
                UUID u = UUID.fromString(n.asText());
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            case "blob": {
                String hex = n.asText().startsWith("0x") ? n.asText().substring(2) : n.asText();
                return HexFormat.of().parseHex(hex);
            }
            case "inet":
                try {
                    String s = n.asText();
                    return InetAddress.getByName(s.startsWith("/") ? s.substring(1) : s).getAddress();
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            default: return n.asText().getBytes(StandardCharsets.UTF_8);
        }
    }
}
