package io.ringtap.agent.commitlog;

import io.ringtap.agent.eav.CapturedMutation;

import java.nio.file.Path;

/**
 * Decodes a commit-log segment into captured mutations. Implemented by the Cassandra version port
 * (io.ringtap.agent.cassandra), the only code that touches Cassandra's commit-log classes.
 */
public interface SegmentDecoder {

    /**
     * Reads the mutations of CDC-enabled tables in {@code logFile} whose entry position is greater than
     * {@code afterPosition} and, unless {@code upToPosition} is negative, at most {@code upToPosition};
     * hands each to {@code sink} in commit-log order.
     *
     * @throws CorruptSegmentException when the segment cannot be read past some point (the reader
     *         quarantines it once it is known to be complete)
     */
    ReadResult read(Path logFile, long segmentId, int afterPosition, int upToPosition, MutationSink sink)
            throws CorruptSegmentException, InterruptedException;

    /** Receives decoded mutations; may block (back-pressure) and may be interrupted. */
    interface MutationSink {
        void accept(CapturedMutation mutation) throws InterruptedException;
    }
}
