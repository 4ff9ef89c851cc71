package io.ringtap.agent.metrics;

/** What the local queue reports. Implementations are thread-safe and never block. */
public interface QueueMetrics {

    /** The queue's current size on disk and number of entries (excerpts) not yet deleted. */
    void queueSize(long bytes, long entries);
}
