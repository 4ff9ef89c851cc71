package io.ringtap.agent.cassandra;

import io.ringtap.agent.commitlog.CorruptSegmentException;
import io.ringtap.agent.commitlog.ReadResult;
import io.ringtap.agent.commitlog.SegmentDecoder;
import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.db.commitlog.CommitLogReadHandler;
import org.apache.cassandra.db.commitlog.CommitLogReader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.schema.TableId;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * {@link SegmentDecoder} over Cassandra 5.0's own {@link CommitLogReader}.
 *
 * <p>Cost of re-reading a growing segment: each pass over an uncompressed, unencrypted segment (the default)
 * starts at the sync marker of the section holding the position the previous pass stopped at, and seeks
 * straight to that position (see {@link SectionReader}): no earlier marker or mutation is read again. For
 * compressed or encrypted commit logs Cassandra's own walk runs from the segment's start (every earlier section
 * is decompressed/decrypted, though not deserialized). Reading stops at the first entry beyond
 * {@code upToPosition}, before deserializing it.
 *
 * <p>Errors: every error Cassandra's reader reports to its handler ({@code shouldSkipSegmentOnError},
 * {@code handleUnrecoverableError}: bad descriptor, bad sync marker, size or CRC mismatch, truncation,
 * undeserializable mutation) stops the pass and becomes a {@link CorruptSegmentException} carrying the
 * position after the last entry read successfully. Mutations of dropped tables never reach the handler; they
 * are counted by table id from {@code getInvalidMutations()}.
 *
 * <p>Not thread-safe: it remembers where the last pass stopped, so one instance serves one caller (the
 * capture thread).
 */
public final class CommitLogSegmentDecoder implements SegmentDecoder {
    private final BiFunction<Mutation, Source, CapturedMutation> decode;
    private final String hostId;
    private final String dc;
    /** Where the next pass over {@link #resumeSegment} may start walking sync markers. */
    private long resumeSegment = -1;
    private int resumeMarker = -1;
    /** A huge mutation's buffer is not kept between passes. */
    private static final int MAX_RETAINED_ENTRY = 1 << 20;
    private byte[] entryBuffer = new byte[4096];

    /**
     * @param hostId this node's host id, as a string (events' {@code source.node})
     * @param dc     this node's datacenter (events' {@code source.dc})
     */
    public CommitLogSegmentDecoder(MutationDecoder mutationDecoder, String hostId, String dc) {
        this(Objects.requireNonNull(mutationDecoder, "mutationDecoder")::decode, hostId, dc);
    }

    CommitLogSegmentDecoder(BiFunction<Mutation, Source, CapturedMutation> decode, String hostId, String dc) {
        this.decode = decode;
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.dc = Objects.requireNonNull(dc, "dc");
        quietReaderLogging();
    }

    @Override
    public ReadResult read(Path logFile, long segmentId, int afterPosition, int upToPosition, MutationSink sink)
            throws CorruptSegmentException, InterruptedException {
        Handler handler = new Handler(segmentId, afterPosition, sink);
        SectionReader reader = new SectionReader(upToPosition, handler, afterPosition, entryBuffer);
        int fromMarker = segmentId == resumeSegment ? resumeMarker : -1;
        resumeSegment = -1;
        try {
            reader.read(new File(logFile.toFile()), segmentId, afterPosition, fromMarker);
        } catch (SectionReader.StopReading stop) {
            // reached upToPosition
        } catch (SinkInterrupted e) {
            throw e.cause;
        } catch (IOException e) {
            throw new CorruptSegmentException(logFile + ": " + e.getMessage(), reader.lastGood(), e);
        }
        if (handler.error != null) {
            throw new CorruptSegmentException(logFile + ": " + handler.error.getMessage(), reader.lastGood(),
                    handler.error);
        }
        resumeSegment = segmentId;
        resumeMarker = reader.resumeMarker();
        entryBuffer = reader.entryBuffer().length > MAX_RETAINED_ENTRY ? new byte[4096] : reader.entryBuffer();
        return new ReadResult(reader.lastGood(), handler.handed, dropped(reader));
    }

    private static Map<String, Long> dropped(CommitLogReader reader) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<TableId, AtomicInteger> e : reader.getInvalidMutations()) {
            out.put(e.getKey().toString(), (long) e.getValue().get());
        }
        return out;
    }

    /** Cassandra's reader logs INFO on every pass; capture passes several times a second. */
    private static void quietReaderLogging() {
        org.slf4j.Logger logger = LoggerFactory.getLogger(CommitLogReader.class);
        if (logger instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) logger).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private final class Handler implements CommitLogReadHandler {
        private final long segmentId;
        private final int after;
        private final MutationSink sink;
        long handed;
        CommitLogReadException error;

        Handler(long segmentId, int after, MutationSink sink) {
            this.segmentId = segmentId;
            this.after = after;
            this.sink = sink;
        }

        @Override
        public boolean shouldSkipSegmentOnError(CommitLogReadException exception) {
            if (error == null) {
                error = exception;
            }
            return true;
        }

        @Override
        public void handleUnrecoverableError(CommitLogReadException exception) throws IOException {
            if (error == null) {
                error = exception;
            }
            throw exception; // stop the pass: nothing after an unrecoverable error is trusted
        }

        @Override
        public void handleMutation(Mutation m, int size, int entryLocation, CommitLogDescriptor desc) {
            if (error != null || entryLocation <= after) {
                return;
            }
            CapturedMutation captured = decode.apply(m, Source.cdc(hostId, dc, segmentId, entryLocation));
            if (captured == null) {
                return;
            }
            try {
                sink.accept(captured);
            } catch (InterruptedException e) {
                throw new SinkInterrupted(e);
            }
            handed++;
        }
    }

    private static final class SinkInterrupted extends RuntimeException {
        final InterruptedException cause;

        SinkInterrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
