package io.ringtap.agent.cassandra;

import io.ringtap.agent.commitlog.CorruptSegmentException;
import io.ringtap.agent.commitlog.ReadResult;
import io.ringtap.agent.commitlog.SegmentDecoder;
import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.db.commitlog.CommitLogPosition;
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
 * <p>Cost of re-reading a growing segment: the reader is started at {@code CommitLogPosition(segment,
 * afterPosition)}. For uncompressed, unencrypted segments (the default) it still walks the chain of sync
 * markers from the segment's start (an 8-byte read and a CRC per section, one section per ~100 ms of writes
 * or per group-commit window), but skips every section that ends before the position without reading its
 * mutations, and in the section holding the position seeks straight to it: no earlier mutation is
 * deserialized or even checksummed again. For compressed or encrypted commit logs each earlier section is
 * still decompressed/decrypted (Cassandra's segmenter runs before the skip), though not deserialized.
 * Reading stops at the first entry beyond {@code upToPosition}, before deserializing it.
 *
 * <p>Errors: every error Cassandra's reader reports to its handler ({@code shouldSkipSegmentOnError},
 * {@code handleUnrecoverableError}: bad descriptor, bad sync marker, size or CRC mismatch, truncation,
 * undeserializable mutation) stops the pass and becomes a {@link CorruptSegmentException} carrying the
 * position after the last entry read successfully. Mutations of dropped tables never reach the handler; they
 * are counted by table id from {@code getInvalidMutations()}.
 *
 * <p>Not thread-safe per call site: each {@link #read} uses a fresh reader, so one instance may serve one
 * caller at a time (the capture thread).
 */
public final class CommitLogSegmentDecoder implements SegmentDecoder {
    private final BiFunction<Mutation, Source, CapturedMutation> decode;
    private final String hostId;
    private final String dc;

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
        BoundedReader reader = new BoundedReader(upToPosition, handler, afterPosition);
        try {
            reader.readCommitLogSegment(handler, new File(logFile.toFile()),
                    new CommitLogPosition(segmentId, afterPosition), CommitLogReader.ALL_MUTATIONS, false);
        } catch (StopReading stop) {
            // reached upToPosition
        } catch (SinkInterrupted e) {
            throw e.cause;
        } catch (IOException e) {
            throw new CorruptSegmentException(logFile + ": " + e.getMessage(), reader.lastGood, e);
        }
        if (handler.error != null) {
            throw new CorruptSegmentException(logFile + ": " + handler.error.getMessage(), reader.lastGood,
                    handler.error);
        }
        return new ReadResult(reader.lastGood, handler.handed, dropped(reader));
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

    /** Stops before deserializing entries beyond the bound, and tracks the last entry read cleanly. */
    private static final class BoundedReader extends CommitLogReader {
        private final int upTo;
        private final Handler handler;
        int lastGood;

        BoundedReader(int upTo, Handler handler, int start) {
            this.upTo = upTo;
            this.handler = handler;
            this.lastGood = start;
        }

        @Override
        protected void readMutation(CommitLogReadHandler h, byte[] inputBuffer, int size,
                                    CommitLogPosition minPosition, int entryLocation, CommitLogDescriptor desc)
                throws IOException {
            if (upTo >= 0 && entryLocation > upTo) {
                throw StopReading.INSTANCE;
            }
            super.readMutation(h, inputBuffer, size, minPosition, entryLocation, desc);
            if (handler.error == null && entryLocation > lastGood) {
                lastGood = entryLocation;
            }
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

    /** Unwinds Cassandra's reader at the bound (handler methods cannot throw checked exceptions). */
    private static final class StopReading extends RuntimeException {
        static final StopReading INSTANCE = new StopReading();

        private StopReading() {
            super("upToPosition reached", null, false, false);
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
