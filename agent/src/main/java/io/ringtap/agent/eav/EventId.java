package io.ringtap.agent.eav;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic event id of format version 1 (docs/event-id.md): SHA-256 over a length-prefixed
 * canonical encoding of the identity fields, truncated to 128 bits, as 32 lowercase hex digits.
 * Frozen: changing anything here changes every id and needs a new format version.
 */
public final class EventId {
    /** Domain separator, hashed first. */
    static final String DOMAIN = "ringtap.eav.id.v1";
    private static final int ABSENT = -1;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_KEPT_BUFFER = 64 * 1024;

    // one per thread, reused: MessageDigest.getInstance (a provider lookup) per event showed up in capture profiles
    private static final ThreadLocal<EventId> LOCAL = ThreadLocal.withInitial(EventId::new);

    private final MessageDigest sha;
    // a plain array, not ByteArrayOutputStream: its synchronized per-byte writes showed up in capture profiles
    private byte[] buf = new byte[256];
    private int len;

    private EventId() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /**
     * The id of one change. Each argument is the field's canonical text (see docs/event-id.md) or
     * {@code null} when the event has no such field.
     */
    public static String of(String keyspace, String table, String op, String key, String clustering,
                            String range, String isStatic, String column, String path, String ts,
                            String ttl, String value, String counter) {
        EventId e = LOCAL.get();
        e.len = 0;
        e.put(DOMAIN);
        e.put(keyspace);
        e.put(table);
        e.put(op);
        e.put(key);
        e.put(clustering);
        e.put(range);
        e.put(isStatic);
        e.put(column);
        e.put(path);
        e.put(ts);
        e.put(ttl);
        e.put(value);
        e.put(counter);
        return e.digest();
    }

    private void put(String field) {
        if (field == null) {
            putInt(ABSENT);
            return;
        }
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(len + more, 2 * buf.length));
        }
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private String digest() {
        sha.update(buf, 0, len);
        byte[] h = sha.digest();
        if (buf.length > MAX_KEPT_BUFFER) {
            // a rare huge value must not pin its buffer in every thread that ever hashed one
            buf = new byte[256];
        }
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(h[i] >>> 4) & 0xf];
            out[2 * i + 1] = HEX[h[i] & 0xf];
        }
        return new String(out);
    }
}
