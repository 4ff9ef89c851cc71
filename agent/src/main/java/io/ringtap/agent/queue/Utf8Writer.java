package io.ringtap.agent.queue;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes strings exactly as Chronicle's {@code Bytes.writeUtf8(String)} does (stop-bit byte length, then each
 * char as 1, 2 or 3 bytes, surrogates encoded one by one), but encodes into a reusable array first and copies
 * it in one call: Chronicle's per-char writes to mapped memory were the capture path's main cost (JFR). The
 * bytes are the same, so {@code readUtf8} and older queues are unaffected. Not thread-safe.
 */
final class Utf8Writer {
    private byte[] buf = new byte[1024];

    void write(Bytes<?> out, String s) {
        if (s == null) {
            out.writeStopBit(-1); // as Chronicle writes a null string
            return;
        }
        int n = s.length();
        if (buf.length < 3 * n) {
            buf = new byte[Math.max(3 * n, 2 * buf.length)];
        }
        byte[] b = buf;
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[len++] = (byte) c;
            } else if (c < 0x800) {
                b[len++] = (byte) (0xC0 | (c >> 6));
                b[len++] = (byte) (0x80 | (c & 0x3F));
            } else {
                b[len++] = (byte) (0xE0 | (c >> 12));
                b[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.writeStopBit(len);
        out.write(b, 0, len);
    }
}
