package io.ringtap.agent.eav;

/**
 * A compact JSON writer over a reusable {@link StringBuilder}, for the capture hot path: a Jackson
 * {@code JsonGenerator} per event (with its writer, buffers and context objects) was about a third of the
 * capture thread's samples.
 *
 * <p>Its output is byte for byte what the default {@code JsonFactory} generator (jackson-core 2.19) writes,
 * because event ids hash some of these texts (docs/event-id.md) and consumers see them: {@code "} and
 * {@code \} escaped with a backslash, {@code \b \t \n \f \r} in short form, other chars below 0x20 as
 * {@code \}{@code u00XX} with uppercase hex, everything else (DEL, '/', non-ASCII, lone surrogates) as is.
 * {@code JsonWriterTest} holds it to Jackson.
 *
 * <p>No validation: callers write well-formed sequences (a name before each member value).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_DEPTH = 63;
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;

    /** Per ASCII char: 0 written as is, -1 as a u00XX escape, otherwise the char after the backslash. */
    private static final int[] ESCAPES = new int[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private static final ThreadLocal<JsonWriter> LOCAL = ThreadLocal.withInitial(() -> new JsonWriter(512));

    private final StringBuilder sb;
    private int depth;
    // bit d set: the object at depth d already has a member, so the next one needs a comma
    private long hasMember;

    public JsonWriter(int capacity) {
        this.sb = new StringBuilder(capacity);
    }

    /**
     * This thread's writer, emptied. Only for code that takes its text ({@link #toString()}) before it
     * could call anything else using this method: one writer per thread, no nesting.
     */
    public static JsonWriter reused() {
        JsonWriter w = LOCAL.get();
        if (w.sb.capacity() > MAX_KEPT_CAPACITY) {
            // a rare huge value must not pin its buffer in every thread that ever wrote one
            w = new JsonWriter(512);
            LOCAL.set(w);
        }
        return w.reset();
    }

    public JsonWriter reset() {
        sb.setLength(0);
        depth = 0;
        hasMember = 0;
        return this;
    }

    public JsonWriter startObject() {
        sb.append('{');
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("JSON nesting deeper than " + MAX_DEPTH);
        }
        hasMember &= ~(1L << depth);
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        depth--;
        return this;
    }

    /** The next member's name; its value must follow. */
    public JsonWriter name(String name) {
        long bit = 1L << depth;
        if ((hasMember & bit) != 0) {
            sb.append(',');
        } else {
            hasMember |= bit;
        }
        appendQuoted(sb, name);
        sb.append(':');
        return this;
    }

    public JsonWriter string(String value) {
        appendQuoted(sb, value);
        return this;
    }

    /** A value that is JSON text already, embedded verbatim. */
    public JsonWriter raw(String json) {
        sb.append(json);
        return this;
    }

    public JsonWriter number(long value) {
        sb.append(value);
        return this;
    }

    public JsonWriter bool(boolean value) {
        sb.append(value);
        return this;
    }

    public JsonWriter stringMember(String name, String value) {
        return name(name).string(value);
    }

    public JsonWriter rawMember(String name, String json) {
        return name(name).raw(json);
    }

    public JsonWriter numberMember(String name, long value) {
        return name(name).number(value);
    }

    public JsonWriter boolMember(String name, boolean value) {
        return name(name).bool(value);
    }

    /** The text written since the last reset. */
    @Override
    public String toString() {
        return sb.toString();
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        int first = firstToEscape(s);
        if (first < 0) {
            return '"' + s + '"';
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        b.append('"').append(s, 0, first);
        appendEscaped(b, s, first);
        return b.append('"').toString();
    }

    private static void appendQuoted(StringBuilder b, String s) {
        b.append('"');
        int first = firstToEscape(s);
        if (first < 0) {
            b.append(s);
        } else {
            b.append(s, 0, first);
            appendEscaped(b, s, first);
        }
        b.append('"');
    }

    private static int firstToEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPES[c] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static void appendEscaped(StringBuilder b, String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            int esc = c < 128 ? ESCAPES[c] : 0;
            if (esc == 0) {
                b.append(c);
            } else if (esc > 0) {
                b.append('\\').append((char) esc);
            } else {
                b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }
}
