package io.ringtap.agent.metrics;

/** What the forwarder exposes for metrics. Read from any thread, at any time; must not block. */
public interface ForwardReadings {

    /** No forwarder running: every reading 0, state {@link ForwarderState#STOPPED}. */
    ForwardReadings NONE = new ForwardReadings() {
    };

    /** Events in committed Kafka transactions since start. */
    default long eventsForwarded() { return 0; }
    /** Queue entries not yet forwarded. */
    default long lagEntries() { return 0; }
    /** Time (microseconds since the epoch) the oldest entry not yet forwarded dates from; 0 when caught up. The forwarder gives when it first saw that entry (entries carry no cheap timestamp). */
    default long oldestUnforwardedTs() { return 0; }
    /** Kafka errors met since start (retriable or not). */
    default long kafkaErrors() { return 0; }
    /** Transactions aborted since start. */
    default long transactionsAborted() { return 0; }
    default ForwarderState state() { return ForwarderState.STOPPED; }
}
