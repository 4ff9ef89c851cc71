package io.ringtap.agent.metrics;

/** What the local queue exposes for metrics. Read from any thread, at any time; must not block for long. */
public interface QueueReadings {

    /** No queue open: every reading 0. */
    QueueReadings NONE = new QueueReadings() {
    };

    /** Size of the queue's files on disk. */
    default long bytes() { return 0; }
    /** Bytes not yet forwarded to Kafka: what {@code queue.max-bytes} bounds. */
    default long backlogBytes() { return 0; }
    /** Entries (one per captured mutation) currently held. */
    default long entries() { return 0; }
}
