package io.ringtap.lab.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * Builds a finished commit-log segment that is valid except for flipped bytes inside its data: a copy of a real
 * segment under a new id (descriptor header and every sync marker re-checksummed for that id, as Cassandra would
 * have written them), then some bytes in the middle of the first sizeable section inverted. Written as new files
 * (the originals in cdc_raw are hard links of live commit-log files and are never touched).
 */
final class CorruptSegment {
    private static final int SYNC_MARKER_SIZE = 8;

    private CorruptSegment() {
    }

    /** Writes {@code CommitLog-<version>-<newId>.log} and its COMPLETED idx into {@code dir}; returns the log file. */
    static Path write(Path source, long newId, Path dir) throws IOException {
        String version = source.getFileName().toString().split("-")[1];
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(source));
        long oldId = b.getLong(4);
        int paramsLength = b.getShort(12) & 0xFFFF;
        int headerEnd = 14 + paramsLength + 4;
        b.putLong(4, newId);
        CRC32 header = new CRC32();
        updateInt(header, b.getInt(0));
        updateInt(header, (int) (newId & 0xFFFFFFFFL));
        updateInt(header, (int) (newId >>> 32));
        updateInt(header, paramsLength);
        header.update(b.array(), 14, paramsLength);
        b.putInt(14 + paramsLength, (int) header.getValue());

        int flipAt = -1;
        int end = headerEnd;
        for (int marker = headerEnd; marker + SYNC_MARKER_SIZE <= b.capacity(); ) {
            int next = b.getInt(marker);
            if (b.getInt(marker + 4) != markerCrc(oldId, marker) || next <= marker || next > b.capacity()) {
                break; // end of what Cassandra wrote
            }
            b.putInt(marker + 4, markerCrc(newId, marker));
            if (flipAt < 0 && next - marker > 256) {
                flipAt = marker + (next - marker) / 2;
            }
            end = next;
            marker = next;
        }
        if (flipAt < 0) {
            throw new IllegalStateException("no section of at least 256 bytes in " + source);
        }
        for (int i = flipAt; i < flipAt + 16; i++) {
            b.put(i, (byte) ~b.get(i));
        }

        String base = "CommitLog-" + version + "-" + newId;
        Path log = dir.resolve(base + ".log");
        Path tmp = dir.resolve("ringtap-it-" + base + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, log, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(tmp, end + "\nCOMPLETED", StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(base + "_cdc.idx"), StandardCopyOption.ATOMIC_MOVE);
        return log;
    }

    private static int markerCrc(long id, int position) {
        CRC32 crc = new CRC32();
        updateInt(crc, (int) (id & 0xFFFFFFFFL));
        updateInt(crc, (int) (id >>> 32));
        updateInt(crc, position);
        return (int) crc.getValue();
    }

    private static void updateInt(CRC32 crc, int v) {
        crc.update((v >>> 24) & 0xFF);
        crc.update((v >>> 16) & 0xFF);
        crc.update((v >>> 8) & 0xFF);
        crc.update(v & 0xFF);
    }
}
