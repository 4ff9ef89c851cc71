package io.ringtap.agent.metrics;

/** What the capture component reports. Implementations are thread-safe and never block. */
public interface CaptureMetrics {

    /** A mutation was queued: {@code events} events, the latest change timestamp among them in microseconds. */
    void mutationCaptured(int events, long lastChangeMicros);

    /** A corrupt or truncated segment was moved to quarantine. */
    void segmentQuarantined();

    /** {@code count} mutations of dropped table {@code tableId} were skipped (the WARN naming it is the caller's). */
    void droppedTableMutations(String tableId, long count);

    /** What cdc_raw holds that is not captured yet, as of the last scan. */
    void pending(int segments, long bytes);
}
