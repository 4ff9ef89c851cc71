package io.ringtap.agent.forward;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The Kafka admin calls the forwarder needs to find transactions a coordinator finished without marking
 * every partition (see {@link StaleTransactions}). Implementations throw Kafka exceptions, which the
 * forwarder classifies like the producer's.
 */
interface TransactionProbe extends AutoCloseable {

    /** The producer id the coordinator holds for {@code transactionalId}, empty when it knows none. */
    OptionalLong producerId(String transactionalId);

    /**
     * Every open transaction on the partitions of the topics {@code topics} accepts; a partition of a
     * {@code mustDescribe} topic that cannot be described fails the call, others may be skipped.
     */
    List<OpenTransaction> openTransactions(Predicate<String> topics, Predicate<String> mustDescribe);

    /** Whether a coordinator still runs, or is completing, a transaction of that producer that includes that partition. */
    boolean isLive(OpenTransaction open);

    /** Writes an abort marker for {@code open} on its partition. */
    void abort(OpenTransaction open);

    @Override
    void close();

    /** For tests and for brokers without the admin APIs: finds nothing. */
    static TransactionProbe none() {
        return new TransactionProbe() {
            @Override public OptionalLong producerId(String transactionalId) { return OptionalLong.empty(); }
            @Override public List<OpenTransaction> openTransactions(Predicate<String> topics, Predicate<String> mustDescribe) {
                return List.of();
            }
            @Override public boolean isLive(OpenTransaction open) { return true; }
            @Override public void abort(OpenTransaction open) { }
            @Override public void close() { }
        };
    }
}
