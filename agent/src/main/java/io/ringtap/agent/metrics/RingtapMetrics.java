package io.ringtap.agent.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import io.ringtap.agent.TriggerGateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The agent's metric set, as Dropwizard metrics (the library Cassandra ships), all gauges.
 *
 * <p>Pull model: components never see Dropwizard nor Cassandra. Each keeps plain counters of its own and
 * exposes them through a readings interface ({@link CaptureReadings}, {@link QueueReadings},
 * {@link ForwardReadings}); the composition root binds them here ({@link #bindCapture} ...), and every
 * gauge reads the bound readings when scraped. Unbound readings read 0. The agent state and config
 * error count are set by the root. The root hands {@link #all()} to the Cassandra port, which registers
 * each metric in Cassandra's registry as {@link #objectName(String)}, so the exporters DBAs already run
 * pick them up. Counts since start are gauges too (monotonic; they restart at 0 with the node).
 *
 * <p>Lag gauges are derived from change timestamps ({@code ts} of the events: the write time, which a
 * client can set with {@code USING TIMESTAMP}), so they are approximate: {@code CaptureLagSeconds} is
 * now minus the latest change of the last captured mutation (0 before the first), and grows while no
 * write arrives; {@code ForwardLagSeconds} is now minus the oldest not-yet-forwarded change (0 when
 * caught up). Timestamps in the future read as 0.
 */
public final class RingtapMetrics {

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
    public static final String QUEUE_BACKLOG_BYTES = "QueueBacklogBytes";
    public static final String EVENTS_FORWARDED = "EventsForwarded";
    public static final String FORWARD_LAG_ENTRIES = "ForwardLagEntries";
    public static final String FORWARD_LAG_SECONDS = "ForwardLagSeconds";
    public static final String KAFKA_ERRORS = "KafkaErrors";
    public static final String TRANSACTIONS_ABORTED = "TransactionsAborted";
    public static final String FORWARDER_STATE = "ForwarderState";
    /** Writes the ringtap trigger let through without capturing them ({@code triggers.on-missing-agent: skip-with-error}). */
    public static final String TRIGGER_WRITES_UNCAPTURED = "TriggerWritesUncaptured";

    private final LongSupplier nowMicros;

    private volatile AgentState agentState = AgentState.STARTING;
    private volatile int configErrors;
    private volatile CaptureReadings capture = CaptureReadings.NONE;
    private volatile QueueReadings queue = QueueReadings.NONE;
    private volatile ForwardReadings forward = ForwardReadings.NONE;

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
        m.put(SEGMENTS_PENDING, (Gauge<Long>) () -> capture.segmentsPending());
        m.put(BYTES_PENDING, (Gauge<Long>) () -> capture.bytesPending());
        m.put(MUTATIONS_CAPTURED, (Gauge<Long>) () -> capture.mutationsCaptured());
        m.put(EVENTS_CAPTURED, (Gauge<Long>) () -> capture.eventsCaptured());
        m.put(CAPTURE_LAG_SECONDS, (Gauge<Double>) () -> secondsSince(capture.lastCapturedTs()));
        m.put(SEGMENTS_QUARANTINED, (Gauge<Long>) () -> capture.segmentsQuarantined());
        m.put(DROPPED_TABLE_MUTATIONS, (Gauge<Long>) () -> capture.droppedTableMutations());
        m.put(QUEUE_BYTES, (Gauge<Long>) () -> queue.bytes());
        m.put(QUEUE_ENTRIES, (Gauge<Long>) () -> queue.entries());
        m.put(QUEUE_BACKLOG_BYTES, (Gauge<Long>) () -> queue.backlogBytes());
        m.put(EVENTS_FORWARDED, (Gauge<Long>) () -> forward.eventsForwarded());
        m.put(FORWARD_LAG_ENTRIES, (Gauge<Long>) () -> forward.lagEntries());
        m.put(FORWARD_LAG_SECONDS, (Gauge<Double>) () -> {
            ForwardReadings f = forward;
            return f.lagEntries() == 0 ? 0.0 : secondsSince(f.oldestUnforwardedTs());
        });
        m.put(KAFKA_ERRORS, (Gauge<Long>) () -> forward.kafkaErrors());
        m.put(TRANSACTIONS_ABORTED, (Gauge<Long>) () -> forward.transactionsAborted());
        m.put(FORWARDER_STATE, (Gauge<Integer>) () -> forward.state().code());
        m.put(TRIGGER_WRITES_UNCAPTURED, (Gauge<Long>) TriggerGateway::uncapturedWrites);
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

    /** Makes the capture gauges read {@code readings}. */
    public void bindCapture(CaptureReadings readings) {
        this.capture = Objects.requireNonNull(readings);
    }

    /** Makes the queue gauges read {@code readings}. */
    public void bindQueue(QueueReadings readings) {
        this.queue = Objects.requireNonNull(readings);
    }

    /** Makes the forwarder gauges read {@code readings}. */
    public void bindForward(ForwardReadings readings) {
        this.forward = Objects.requireNonNull(readings);
    }

    private double secondsSince(long micros) {
        if (micros <= 0) {
            return 0.0;
        }
        return Math.max(0L, nowMicros.getAsLong() - micros) / 1_000_000.0;
    }
}
