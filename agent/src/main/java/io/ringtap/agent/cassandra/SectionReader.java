package io.ringtap.agent.cassandra;

import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.db.commitlog.CommitLogPosition;
import org.apache.cassandra.db.commitlog.CommitLogReadHandler;
import org.apache.cassandra.db.commitlog.CommitLogReader;
import org.apache.cassandra.db.commitlog.CommitLogSegmentReader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.io.util.FileDataInput;
import org.apache.cassandra.io.util.RandomAccessReader;
import org.apache.cassandra.utils.FBUtilities;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32;

/**
 * Cassandra 5.0's {@link CommitLogReader} for one pass of capture over one segment: it stops before
 * deserializing an entry beyond {@code upTo}, tracks the last entry read cleanly, and for uncompressed,
 * unencrypted segments (Cassandra's default) starts at a sync marker remembered from the previous pass.
 *
 * <p>Why the last: {@code readCommitLogSegment} walks every sync marker from the segment's start on each call
 * (a seek, an 8-byte read, a CRC and a {@code SyncSegment} per section), and capture re-reads the active
 * segment every few milliseconds, so a segment cost more the longer it lived (JFR: 40 MiB/min of those objects
 * at 200 writes/s with group sync, whose sections are 15 ms apart). {@link #readSection} is
 * {@code CommitLogReader.readSection} of 5.0.9 (private there) without mutation limits or error tolerance:
 * any error ends the pass as an {@link IOException}. Compressed and encrypted segments number their positions
 * logically from the segment's start, so they are still read by Cassandra's own walk.
 *
 * <p>One instance per pass: {@link #getInvalidMutations()} counts that pass only.
 */
final class SectionReader extends CommitLogReader {
    private static final int SYNC_MARKER_SIZE = 8;
    private static final int END_OF_SEGMENT = 0;
    private static final int MIN_MUTATION_SIZE = 10;

    private final int upTo;
    private final CommitLogReadHandler handler;
    private final CRC32 crc = new CRC32();
    private byte[] entry;
    private CommitLogPosition minPosition;
    private int lastGood;
    private int lastMarker = -1;
    private int previousMarker = -1;

    /**
     * @param upTo  the last entry position to read ({@code < 0}: no bound)
     * @param after entries at or before it are skipped (the position the pass starts from)
     * @param entry buffer for one entry, reused across passes (grown when an entry is larger)
     */
    SectionReader(int upTo, CommitLogReadHandler handler, int after, byte[] entry) {
        this.upTo = upTo;
        this.entry = entry;
        this.handler = handler;
        this.lastGood = after;
    }

    /** The entry buffer, to hand to the next pass. */
    byte[] entryBuffer() {
        return entry;
    }

    /** Position after the last entry read without error (the start position if none). */
    int lastGood() {
        return lastGood;
    }

    /**
     * A sync marker the next pass over this segment may start from: every entry beyond {@link #lastGood()}
     * lies in its section or after it. {@code -1} if none is known (compressed segment, nothing walked).
     */
    int resumeMarker() {
        if (lastMarker >= 0 && lastMarker <= lastGood) {
            return lastMarker;
        }
        return previousMarker >= 0 && previousMarker <= lastGood ? previousMarker : -1;
    }

    /**
     * Hands every entry after {@code after} and up to {@code upTo} to the handler.
     *
     * @param fromMarker a {@link #resumeMarker()} of an earlier pass over this segment, or {@code -1}
     */
    void read(File file, long segmentId, int after, int fromMarker) throws IOException {
        minPosition = new CommitLogPosition(segmentId, after);
        try (RandomAccessReader reader = RandomAccessReader.open(file)) {
            CommitLogDescriptor desc = header(reader, file, segmentId);
            if (desc.compression == null && !desc.getEncryptionContext().isEnabled()) {
                walk(reader, desc, after, fromMarker);
                return;
            }
        } catch (RuntimeException e) {
            // Cassandra's section iterator wraps the handler's IOException
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw e;
        }
        readCommitLogSegment(handler, file, minPosition, ALL_MUTATIONS, false);
    }

    private void walk(RandomAccessReader reader, CommitLogDescriptor desc, int after, int fromMarker)
            throws IOException {
        if (fromMarker > reader.getFilePointer() && fromMarker <= after
                && fromMarker <= reader.length() - SYNC_MARKER_SIZE) {
            reader.seek(fromMarker);
        }
        CommitLogSegmentReader sections = new CommitLogSegmentReader(handler, desc, reader, false) {
        };
        for (CommitLogSegmentReader.SyncSegment section : sections) {
            previousMarker = lastMarker;
            lastMarker = section.fileStartPosition - SYNC_MARKER_SIZE;
            if (section.endPosition < after) {
                continue;
            }
            if (!readSection(section.input, after, section.endPosition, desc)) {
                return;
            }
        }
    }

    private static CommitLogDescriptor header(RandomAccessReader reader, File file, long segmentId) throws IOException {
        CommitLogDescriptor desc;
        try {
            desc = CommitLogDescriptor.readHeader(reader, DatabaseDescriptor.getEncryptionContext());
        } catch (Exception e) {
            desc = null;
        }
        if (desc == null) {
            throw new IOException("Could not read commit log descriptor in file " + file);
        }
        if (desc.id != segmentId) {
            throw new IOException(String.format("Segment id mismatch (filename %d, descriptor %d) in file %s",
                    segmentId, desc.id, file));
        }
        return desc;
    }

    /** The entries of one section; false once the segment's end of data is reached. */
    private boolean readSection(FileDataInput in, int after, int end, CommitLogDescriptor desc) throws IOException {
        if (in.getFilePointer() < after) {
            in.seek(after);
        }
        while (in.getFilePointer() < end && !in.isEOF()) {
            long start = in.getFilePointer();
            if (end - start < 4) {
                return false;
            }
            int size;
            try {
                size = in.readInt();
                if (size == END_OF_SEGMENT) {
                    return false;
                }
                if (size < MIN_MUTATION_SIZE) {
                    throw new IOException(String.format("Invalid mutation size %d at %d in %s", size, start, desc.fileName()));
                }
                long claimedSizeCrc = in.readInt() & 0xffffffffL;
                crc.reset();
                FBUtilities.updateChecksumInt(crc, size);
                if (crc.getValue() != claimedSizeCrc) {
                    throw new IOException(String.format("Mutation size checksum failure at %d in %s", start, desc.fileName()));
                }
                if (size > entry.length) {
                    entry = new byte[(int) (1.2 * size)];
                }
                in.readFully(entry, 0, size);
                long claimedCrc = in.readInt() & 0xffffffffL;
                crc.update(entry, 0, size);
                if (crc.getValue() != claimedCrc) {
                    throw new IOException(String.format("Mutation checksum failure at %d in %s", start, desc.fileName()));
                }
            } catch (EOFException eof) {
                throw new IOException(String.format("Unexpected end of segment at %d in %s", start, desc.fileName()), eof);
            }
            readMutation(handler, entry, size, minPosition, (int) in.getFilePointer(), desc);
        }
        return true;
    }

    @Override
    protected void readMutation(CommitLogReadHandler h, byte[] inputBuffer, int size,
                                CommitLogPosition minPosition, int entryLocation, CommitLogDescriptor desc)
            throws IOException {
        if (upTo >= 0 && entryLocation > upTo) {
            throw StopReading.INSTANCE;
        }
        super.readMutation(h, inputBuffer, size, minPosition, entryLocation, desc);
        if (entryLocation > lastGood) {
            lastGood = entryLocation;
        }
    }

    /** Unwinds the pass at the bound (handler methods cannot throw checked exceptions). */
    static final class StopReading extends RuntimeException {
        static final StopReading INSTANCE = new StopReading();

        private StopReading() {
            super("upToPosition reached", null, false, false);
        }
    }
}
