package io.ringtap.agent.metrics;

/**
 * What the capture component exposes for metrics: plain readings of its own counters (typically
 * AtomicLongs it updates on its thread). Read from any thread, at any time; must not block.
 * The method names match {@code commitlog.CaptureStats}, so that class can implement this directly.
 */
public interface CaptureReadings {

    /** No capture running: every reading 0. */
    CaptureReadings NONE = new CaptureReadings() {
    };

    /** Segments (logs) in cdc_raw not fully captured yet, as of the last scan. */
    default long segmentsPending() { return 0; }
    /** Bytes of those segments. */
    default long bytesPending() { return 0; }
    /** Mutations appended to the queue since start. */
    default long mutationsCaptured() { return 0; }
    /** Events in those mutations. */
    default long eventsCaptured() { return 0; }
    /** Greatest change timestamp (microseconds since the epoch) of the last captured mutation; 0 before any. */
    default long lastCapturedTs() { return 0; }
    /** Segments moved to quarantine since start. */
    default long segmentsQuarantined() { return 0; }
    /** Mutations skipped because their table was dropped, since start. */
    default long droppedTableMutations() { return 0; }
}
