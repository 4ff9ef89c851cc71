package io.ringtap.agent.metrics;

/** What the forwarder reports. Implementations are thread-safe and never block. */
public interface ForwardMetrics {

    /** A Kafka transaction holding {@code events} events committed. */
    void eventsForwarded(int events);

    /**
     * How far behind the queue's end the forwarder is: {@code entries} queue entries, the oldest of which
     * holds a change of timestamp {@code oldestChangeMicros} (0 when {@code entries} is 0).
     */
    void forwardLag(long entries, long oldestChangeMicros);

    /** A Kafka error was met (retriable or not). */
    void kafkaError();

    /** A transaction was aborted. */
    void transactionAborted();

    /** The forwarder's state changed. */
    void state(ForwarderState state);
}
