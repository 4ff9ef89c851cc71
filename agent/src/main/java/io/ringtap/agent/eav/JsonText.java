package io.ringtap.agent.eav;

import java.util.List;

/**
 * Compact JSON text helpers. Values arrive as JSON text already (Cassandra's {@code SELECT JSON} encoding)
 * and are embedded verbatim, so that numbers keep exactly the digits Cassandra wrote.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * The same JSON text without insignificant whitespace. Strings and number literals are kept byte for
     * byte (Cassandra's collection encoders write {@code ", "} and {@code ": "} separators).
     */
    public static String compact(String json) {
        int n = json.length();
        StringBuilder sb = null;
        boolean inString = false;
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            boolean drop = false;
            if (inString) {
                if (c == '\\') {
                    if (sb != null) {
                        sb.append(c);
                    }
                    i++;
                    c = json.charAt(i);
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                drop = true;
            }
            if (drop) {
                if (sb == null) {
                    sb = new StringBuilder(n).append(json, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }

    /** A JSON string literal of {@code s}. */
    public static String string(String s) {
        return JsonWriter.quote(s);
    }

    /** A compact JSON object whose member values are the given (compact) JSON texts, in the given order. */
    public static String object(List<String> names, List<String> rawValues) {
        if (names.size() != rawValues.size()) {
            throw new IllegalArgumentException("names and values differ in size");
        }
        JsonWriter w = JsonWriter.reused().startObject();
        for (int i = 0; i < names.size(); i++) {
            w.rawMember(names.get(i), rawValues.get(i));
        }
        return w.endObject().toString();
    }
}
