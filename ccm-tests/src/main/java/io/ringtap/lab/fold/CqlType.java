package io.ringtap.lab.fold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A CQL type as the fold needs it: its shape (native, list, set, map, tuple, UDT, vector), whether it is
 * frozen, and its component types. Built from CQL text ({@link #parse}) or from driver metadata
 * ({@link DriverSchemas}).
 */
public final class CqlType {

    /** The shape of a type. */
    public enum Kind { NATIVE, LIST, SET, MAP, TUPLE, UDT, VECTOR }

    private final Kind kind;
    private final String name;
    private final boolean frozen;
    private final List<CqlType> components;
    private final Map<String, CqlType> fields;
    private final int dimensions;

    private CqlType(Kind kind, String name, boolean frozen, List<CqlType> components,
                    Map<String, CqlType> fields, int dimensions) {
        this.kind = kind;
        this.name = name;
        this.frozen = frozen;
        this.components = Collections.unmodifiableList(new ArrayList<>(components));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.dimensions = dimensions;
    }

    /** A native type such as {@code int}, {@code text}, {@code counter} (name lower case). */
    public static CqlType nativeType(String name) {
        return new CqlType(Kind.NATIVE, name.toLowerCase(Locale.ROOT).trim(), false, List.of(), Map.of(), 0);
    }

    public static CqlType list(CqlType element, boolean frozen) {
        return new CqlType(Kind.LIST, "list", frozen, List.of(element), Map.of(), 0);
    }

    public static CqlType set(CqlType element, boolean frozen) {
        return new CqlType(Kind.SET, "set", frozen, List.of(element), Map.of(), 0);
    }

    public static CqlType map(CqlType key, CqlType value, boolean frozen) {
        return new CqlType(Kind.MAP, "map", frozen, List.of(key, value), Map.of(), 0);
    }

    /** Tuples are always frozen. */
    public static CqlType tuple(List<CqlType> components) {
        return new CqlType(Kind.TUPLE, "tuple", true, components, Map.of(), 0);
    }

    /** A UDT; {@code fields} in declaration order, names exactly as declared (case-sensitive). */
    public static CqlType udt(String name, Map<String, CqlType> fields, boolean frozen) {
        return new CqlType(Kind.UDT, name, frozen, List.of(), fields, 0);
    }

    public static CqlType vector(CqlType element, int dimensions) {
        return new CqlType(Kind.VECTOR, "vector", true, List.of(element), Map.of(), dimensions);
    }

    /** The same type, frozen (frozen collections and UDTs are single cells). */
    public CqlType frozen() {
        if (frozen) return this;
        return new CqlType(kind, name, true, components, fields, dimensions);
    }

    /**
     * Parses CQL type text ({@code map<int, frozen<list<text>>>}, {@code vector<float, 3>},
     * {@code frozen<address>}). UDT names are resolved in {@code udts} (name to a non-frozen UDT type).
     */
    public static CqlType parse(String text, Map<String, CqlType> udts) {
        Parser p = new Parser(text, udts);
        CqlType t = p.type();
        p.skipSpaces();
        if (p.pos != text.length()) throw new IllegalArgumentException("trailing text in type: " + text);
        return t;
    }

    public static CqlType parse(String text) {
        return parse(text, Map.of());
    }

    public Kind kind() { return kind; }
    /** Native type name, UDT name, or the collection keyword. */
    public String name() { return name; }
    public boolean isFrozen() { return frozen; }
    /** Non-frozen collections and UDTs are stored as one cell per element. */
    public boolean isMultiCell() {
        return !frozen && (kind == Kind.LIST || kind == Kind.SET || kind == Kind.MAP || kind == Kind.UDT);
    }
    public boolean isCounter() { return kind == Kind.NATIVE && name.equals("counter"); }
    public List<CqlType> components() { return components; }
    /** Element type of a list, set or vector; key type of a map. */
    public CqlType element() { return components.get(0); }
    /** Value type of a map. */
    public CqlType mapValue() { return components.get(1); }
    /** UDT fields in declaration order. */
    public Map<String, CqlType> fields() { return fields; }
    public int dimensions() { return dimensions; }

    /** The JSON encoding of this type's values is a JSON string (so a map key needs no extra quoting). */
    public boolean isJsonString() {
        if (kind != Kind.NATIVE) return false;
        switch (name) {
            case "ascii": case "text": case "varchar": case "timestamp": case "date": case "time":
            case "uuid": case "timeuuid": case "inet": case "blob": case "duration":
                return true;
            default:
                return false;
        }
    }

    /** CQL text of the type, e.g. {@code frozen<map<int, text>>}. */
    public String cql() {
        String inner;
        switch (kind) {
            case NATIVE: return name;
            case LIST: case SET: inner = name + "<" + element().cql() + ">"; break;
            case MAP: inner = "map<" + element().cql() + ", " + mapValue().cql() + ">"; break;
            case TUPLE: {
                StringBuilder sb = new StringBuilder("tuple<");
                for (int i = 0; i < components.size(); i++) sb.append(i > 0 ? ", " : "").append(components.get(i).cql());
                return sb.append('>').toString();
            }
            case VECTOR: return "vector<" + element().cql() + ", " + dimensions + ">";
            case UDT: inner = name; break;
            default: throw new IllegalStateException();
        }
        return frozen ? "frozen<" + inner + ">" : inner;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CqlType)) return false;
        CqlType t = (CqlType) o;
        return kind == t.kind && name.equals(t.name) && frozen == t.frozen && dimensions == t.dimensions
                && components.equals(t.components) && fields.equals(t.fields);
    }

    @Override
    public int hashCode() { return Objects.hash(kind, name, frozen, components, dimensions); }

    @Override
    public String toString() { return cql(); }

    private static final class Parser {
        final String s;
        final Map<String, CqlType> udts;
        int pos;

        Parser(String s, Map<String, CqlType> udts) { this.s = s; this.udts = udts; }

        void skipSpaces() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        String word() {
            skipSpaces();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '"') {
                int end = s.indexOf('"', pos + 1);
                pos = end + 1;
                return s.substring(start + 1, end);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) pos++;
            if (start == pos) throw new IllegalArgumentException("expected a type at " + pos + " in " + s);
            return s.substring(start, pos);
        }

        void expect(char c) {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != c) throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + s);
            pos++;
        }

        boolean peek(char c) { skipSpaces(); return pos < s.length() && s.charAt(pos) == c; }

        CqlType type() {
            String w = word();
            String lw = w.toLowerCase(Locale.ROOT);
            switch (lw) {
                case "frozen": { expect('<'); CqlType t = type(); expect('>'); return t.frozen(); }
                case "list": { expect('<'); CqlType e = type(); expect('>'); return list(e, false); }
                case "set": { expect('<'); CqlType e = type(); expect('>'); return set(e, false); }
                case "map": { expect('<'); CqlType k = type(); expect(','); CqlType v = type(); expect('>'); return map(k, v, false); }
                case "tuple": {
                    expect('<');
                    List<CqlType> cs = new ArrayList<>();
                    cs.add(type());
                    while (peek(',')) { pos++; cs.add(type()); }
                    expect('>');
                    return tuple(cs);
                }
                case "vector": {
                    expect('<'); CqlType e = type(); expect(',');
                    int d = Integer.parseInt(word()); expect('>');
                    return vector(e, d);
                }
                default:
                    String unqualified = w.contains(".") ? w.substring(w.lastIndexOf('.') + 1) : w;
                    CqlType udt = udts.get(unqualified);
                    if (udt != null) return udt;
                    return nativeType(lw);
            }
        }
    }
}
