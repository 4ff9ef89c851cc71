package io.ringtap.agent.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The agent's metric set, as Dropwizard metrics (the library Cassandra ships).
 *
 * <p>Components never see Dropwizard nor Cassandra: each gets the narrow interface it reports through
 * ({@link CaptureMetrics}, {@link QueueMetrics}, {@link ForwardMetrics}), all implemented here over
 * atomics. The composition root hands {@link #all()} to the Cassandra port, which registers each metric
 * in Cassandra's registry under the JMX name {@link #objectName(String)}, so the exporters DBAs already
 * run pick them up.
 *
 * <p>Lag gauges are derived from change timestamps ({@code ts} of the events: the write time, which a
 * client can set with {@code USING TIMESTAMP}), so they are approximate: {@code CaptureLagSeconds} is
 * now minus the latest change of the last captured mutation (0 before the first), and grows while no
 * write arrives; {@code ForwardLagSeconds} is now minus the oldest not-yet-forwarded change (0 when
 * caught up). Negative values (timestamps in the future) read as 0.
 */
public final class RingtapMetrics implements CaptureMetrics, QueueMetrics, ForwardMetrics {

    /** JMX domain and type of every ringtap metric. */
    public static final String GROUP = "org.apache.cassandra.metrics";
    public static final String TYPE = "Ringtap";

    /** Metric names, as in {@code org.apache.cassandra.metrics:type=Ringtap,name=<Name>}. */
    public static final String AGENT_STATE = "AgentState";
    public static final String CONFIG_ERRORS = "ConfigErrors";
    public static final String SEGMENTS_PENDING = "SegmentsPending";
    public static final String BYTES_PENDING = "BytesPending";
    public static final String MUTATIONS_CAPTURED = "MutationsCaptured";
    public static final String EVENTS_CAPTURED = "EventsCaptured";
    public static final String CAPTURE_LAG_SECONDS = "CaptureLagSeconds";
    public static final String SEGMENTS_QUARANTINED = "SegmentsQuarantined";
    public static final String DROPPED_TABLE_MUTATIONS = "DroppedTableMutations";
    public static final String QUEUE_BYTES = "QueueBytes";
    public static final String QUEUE_ENTRIES = "QueueEntries";
    public static final String EVENTS_FORWARDED = "EventsForwarded";
    public static final String FORWARD_LAG_ENTRIES = "ForwardLagEntries";
    public static final String FORWARD_LAG_SECONDS = "ForwardLagSeconds";
    public static final String KAFKA_ERRORS = "KafkaErrors";
    public static final String TRANSACTIONS_ABORTED = "TransactionsAborted";
    public static final String FORWARDER_STATE = "ForwarderState";

    private final LongSupplier nowMicros;

    private volatile AgentState agentState = AgentState.STARTING;
    private volatile int configErrors;
    private volatile ForwarderState forwarderState = ForwarderState.STOPPED;
    private final AtomicLong segmentsPending = new AtomicLong();
    private final AtomicLong bytesPending = new AtomicLong();
    private final AtomicLong lastCapturedChangeMicros = new AtomicLong();
    private final AtomicLong queueBytes = new AtomicLong();
    private final AtomicLong queueEntries = new AtomicLong();
    private final AtomicLong forwardLagEntries = new AtomicLong();
    private final AtomicLong oldestUnforwardedMicros = new AtomicLong();

    private final Counter mutationsCaptured = new Counter();
    private final Counter eventsCaptured = new Counter();
    private final Counter segmentsQuarantined = new Counter();
    private final Counter droppedTableMutations = new Counter();
    private final Counter eventsForwarded = new Counter();
    private final Counter kafkaErrors = new Counter();
    private final Counter transactionsAborted = new Counter();

    private final Map<String, Metric> all;

    /** Metrics on the wall clock. */
    public RingtapMetrics() {
        this(() -> System.currentTimeMillis() * 1000L);
    }

    /** Metrics on a given clock, in microseconds since the epoch (tests). */
    public RingtapMetrics(LongSupplier nowMicros) {
        this.nowMicros = nowMicros;
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put(AGENT_STATE, (Gauge<Integer>) () -> agentState.code());
        m.put(CONFIG_ERRORS, (Gauge<Integer>) () -> configErrors);
        m.put(SEGMENTS_PENDING, (Gauge<Long>) segmentsPending::get);
        m.put(BYTES_PENDING, (Gauge<Long>) bytesPending::get);
        m.put(MUTATIONS_CAPTURED, mutationsCaptured);
        m.put(EVENTS_CAPTURED, eventsCaptured);
        m.put(CAPTURE_LAG_SECONDS, (Gauge<Double>) () -> secondsSince(lastCapturedChangeMicros.get()));
        m.put(SEGMENTS_QUARANTINED, segmentsQuarantined);
        m.put(DROPPED_TABLE_MUTATIONS, droppedTableMutations);
        m.put(QUEUE_BYTES, (Gauge<Long>) queueBytes::get);
        m.put(QUEUE_ENTRIES, (Gauge<Long>) queueEntries::get);
        m.put(EVENTS_FORWARDED, eventsForwarded);
        m.put(FORWARD_LAG_ENTRIES, (Gauge<Long>) forwardLagEntries::get);
        m.put(FORWARD_LAG_SECONDS, (Gauge<Double>) () ->
                forwardLagEntries.get() == 0 ? 0.0 : secondsSince(oldestUnforwardedMicros.get()));
        m.put(KAFKA_ERRORS, kafkaErrors);
        m.put(TRANSACTIONS_ABORTED, transactionsAborted);
        m.put(FORWARDER_STATE, (Gauge<Integer>) () -> forwarderState.code());
        this.all = Collections.unmodifiableMap(m);
    }

    /** The JMX object name of metric {@code name}. */
    public static String objectName(String name) {
        return GROUP + ":type=" + TYPE + ",name=" + name;
    }

    /** Every metric by name, in a stable order. */
    public Map<String, Metric> all() {
        return all;
    }

    public void agentState(AgentState state) {
        this.agentState = state;
    }

    public AgentState agentState() {
        return agentState;
    }

    /** The number of configuration problems that disabled the agent (0 when the config is valid). */
    public void configErrors(int count) {
        this.configErrors = count;
    }

    @Override
    public void mutationCaptured(int events, long lastChangeMicros) {
        mutationsCaptured.inc();
        eventsCaptured.inc(events);
        lastCapturedChangeMicros.accumulateAndGet(lastChangeMicros, Math::max);
    }

    @Override
    public void segmentQuarantined() {
        segmentsQuarantined.inc();
    }

    @Override
    public void droppedTableMutations(String tableId, long count) {
        droppedTableMutations.inc(count);
    }

    @Override
    public void pending(int segments, long bytes) {
        segmentsPending.set(segments);
        bytesPending.set(bytes);
    }

    @Override
    public void queueSize(long bytes, long entries) {
        queueBytes.set(bytes);
        queueEntries.set(entries);
    }

    @Override
    public void eventsForwarded(int events) {
        eventsForwarded.inc(events);
    }

    @Override
    public void forwardLag(long entries, long oldestChangeMicros) {
        oldestUnforwardedMicros.set(oldestChangeMicros);
        forwardLagEntries.set(entries);
    }

    @Override
    public void kafkaError() {
        kafkaErrors.inc();
    }

    @Override
    public void transactionAborted() {
        transactionsAborted.inc();
    }

    @Override
    public void state(ForwarderState state) {
        this.forwarderState = state;
    }

    private double secondsSince(long micros) {
        if (micros <= 0) {
            return 0.0;
        }
        return Math.max(0L, nowMicros.getAsLong() - micros) / 1_000_000.0;
    }
}
