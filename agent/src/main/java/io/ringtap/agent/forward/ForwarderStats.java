package io.ringtap.agent.forward;

import io.ringtap.agent.metrics.ForwardReadings;
import io.ringtap.agent.metrics.ForwarderState;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The forwarder's counters and gauges, written by the forwarder thread and read by the metrics component
 * (EventsForwarded, ForwardLagEntries, ForwardLagSeconds, KafkaErrors, TransactionsAborted, ForwarderState).
 */
public final class ForwarderStats implements ForwardReadings {
    /** Events committed to Kafka (counter). */
    public final AtomicLong eventsForwarded = new AtomicLong();
    /** Queue entries not yet committed to Kafka (gauge, sampled about once a second). */
    public final AtomicLong lagEntries = new AtomicLong();
    /** How long the oldest not-yet-committed entry has been known to be in the queue, in seconds (gauge). */
    public final AtomicLong lagSeconds = new AtomicLong();
    /**
     * Wall-clock time (microseconds) at which the oldest not-yet-committed entry was first seen, 0 when
     * caught up: the queue holds no change timestamps per entry, so ForwardLagSeconds counts from then.
     */
    public final AtomicLong oldestWaitingSinceMicros = new AtomicLong();
    /** Kafka errors seen, retriable and fatal (counter). */
    public final AtomicLong kafkaErrors = new AtomicLong();
    /** Transactions abandoned after an error, plus those Kafka left open and the forwarder ended (counter); their records are resent. */
    public final AtomicLong transactionsAborted = new AtomicLong();
    /** Index of the last queue entry committed to Kafka, {@link ForwardSource#NO_INDEX} before the first. */
    public final AtomicLong committedIndex = new AtomicLong(ForwardSource.NO_INDEX);
    /** Current state. */
    public final AtomicReference<ForwarderState> state = new AtomicReference<>(ForwarderState.STOPPED);

    @Override
    public long eventsForwarded() { return eventsForwarded.get(); }
    @Override
    public long lagEntries() { return lagEntries.get(); }
    @Override
    public long oldestUnforwardedTs() { return oldestWaitingSinceMicros.get(); }
    @Override
    public long kafkaErrors() { return kafkaErrors.get(); }
    @Override
    public long transactionsAborted() { return transactionsAborted.get(); }
    @Override
    public ForwarderState state() { return state.get(); }

    /** The state as a gauge value ({@link ForwarderState#code()}). */
    public long stateCode() {
        return state.get().code();
    }
}
