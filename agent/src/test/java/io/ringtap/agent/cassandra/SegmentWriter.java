package io.ringtap.agent.cassandra;

import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.io.util.DataOutputBuffer;
import org.apache.cassandra.security.EncryptionContext;
import org.apache.cassandra.utils.FBUtilities;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** Writes an uncompressed commit-log segment the way Cassandra lays it out: header, sync sections, entries. */
final class SegmentWriter {
    private final long id;
    private final CommitLogDescriptor desc;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private int markerAt;
    /** entryLocation of every entry written, in order. */
    final List<Integer> entryLocations = new ArrayList<>();
    /** File offset of every sync marker opened, in order. */
    final List<Integer> markers = new ArrayList<>();

    SegmentWriter(long id) {
        this.id = id;
        this.desc = new CommitLogDescriptor(id, null, new EncryptionContext());
        CommitLogDescriptor.writeHeader(buf, desc);
        openSection();
    }

    private void openSection() {
        markerAt = buf.position();
        markers.add(markerAt);
        buf.position(markerAt + 8);
    }

    SegmentWriter add(Mutation m) throws Exception {
        try (DataOutputBuffer out = new DataOutputBuffer()) {
            Mutation.serializer.serialize(m, out, desc.getMessagingVersion());
            byte[] bytes = out.toByteArray();
            CRC32 crc = new CRC32();
            FBUtilities.updateChecksumInt(crc, bytes.length);
            buf.putInt(bytes.length);
            buf.putInt((int) crc.getValue());
            crc.update(bytes, 0, bytes.length);
            buf.put(bytes);
            buf.putInt((int) crc.getValue());
            entryLocations.add(buf.position());
        }
        return this;
    }

    /** Ends the current sync section (writes its marker) and opens the next. */
    SegmentWriter sync() {
        int end = buf.position();
        CRC32 crc = new CRC32();
        FBUtilities.updateChecksumInt(crc, (int) (id & 0xFFFFFFFFL));
        FBUtilities.updateChecksumInt(crc, (int) (id >>> 32));
        FBUtilities.updateChecksumInt(crc, markerAt);
        buf.putInt(markerAt, end);
        buf.putInt(markerAt + 4, (int) crc.getValue());
        openSection();
        return this;
    }

    Path write(Path dir) throws Exception {
        Path file = dir.resolve("CommitLog-" + CommitLogDescriptor.current_version + "-" + id + ".log");
        Files.write(file, buf.array());
        return file;
    }
}
