package io.ringtap.agent.queue;

import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Reads strings written by {@link Utf8Writer} or Chronicle's {@code Bytes.writeUtf8(String)} (stop-bit byte
 * length, then each char as 1, 2 or 3 bytes), giving what Chronicle's {@code readUtf8()} gives, but copies the
 * bytes out in one call and decodes them from an array: Chronicle's per-byte reads from mapped memory were the
 * forwarder's main cost on the node (JFR, write-path overhead benchmark). Not thread-safe.
 */
final class Utf8Reader {
    private byte[] buf = new byte[1024];
    private char[] chars = new char[1024];

    /**
     * The next string, or {@code null} for a null string.
     *
     * @throws IllegalStateException when the length or the bytes are not a string Chronicle could have written
     */
    String read(Bytes<?> in) {
        long length = in.readStopBit();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalStateException("malformed string length " + length + " with " + in.readRemaining()
                    + " bytes left");
        }
        int n = (int) length;
        if (buf.length < n) {
            buf = new byte[Math.max(n, 2 * buf.length)];
        }
        byte[] b = buf;
        in.read(b, 0, n);
        int ascii = 0;
        while (ascii < n && b[ascii] >= 0) {
            ascii++;
        }
        if (ascii == n) {
            return new String(b, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] c = chars;
        int len = 0;
        int i = 0;
        while (i < n) {
            int x = b[i] & 0xFF;
            switch (x >> 4) {
                case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
                    c[len++] = (char) x;
                    i++;
                    break;
                case 12: case 13:
                    if (i + 1 >= n || (b[i + 1] & 0xC0) != 0x80) {
                        throw malformed(i);
                    }
                    c[len++] = (char) (((x & 0x1F) << 6) | (b[i + 1] & 0x3F));
                    i += 2;
                    break;
                case 14:
                    if (i + 2 >= n || (b[i + 1] & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80) {
                        throw malformed(i);
                    }
                    c[len++] = (char) (((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                    i += 3;
                    break;
                default:
                    throw malformed(i);
            }
        }
        return new String(c, 0, len);
    }

    private static IllegalStateException malformed(int at) {
        return new IllegalStateException("malformed UTF-8 string in a queue excerpt around byte " + at);
    }
}
