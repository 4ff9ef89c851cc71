package io.ringtap.agent.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import org.apache.cassandra.metrics.DefaultNameFactory;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RingtapMetricsTest {
    private final AtomicLong nowMicros = new AtomicLong(1_763_863_700_000_000L);
    private final RingtapMetrics metrics = new RingtapMetrics(nowMicros::get);

    private Object value(String name) {
        Metric m = metrics.all().get(name);
        return ((Gauge<?>) m).getValue();
    }

    @Test
    void should_expose_exactly_the_agreed_metric_names() {
        assertThat(metrics.all().keySet()).containsExactly(
                "AgentState", "ConfigErrors", "SegmentsPending", "BytesPending", "MutationsCaptured",
                "EventsCaptured", "CaptureLagSeconds", "SegmentsQuarantined", "DroppedTableMutations",
                "QueueBytes", "QueueEntries", "QueueBacklogBytes", "EventsForwarded", "ForwardLagEntries", "ForwardLagSeconds",
                "KafkaErrors", "TransactionsAborted", "ForwarderState", "TriggerWritesUncaptured");
    }

    @Test
    void should_name_jmx_objects_as_cassandra_does_when_registering() throws Exception {
        // Given Cassandra's own metric naming for type Ringtap
        for (String name : metrics.all().keySet()) {
            // When comparing with ours / Then both give org.apache.cassandra.metrics:type=Ringtap,name=<Name>
            ObjectName cassandras = DefaultNameFactory.createMetricName(RingtapMetrics.TYPE, name, null).getMBeanName();
            assertThat(cassandras).isEqualTo(new ObjectName(RingtapMetrics.objectName(name)));
            assertThat(cassandras.toString()).isEqualTo("org.apache.cassandra.metrics:type=Ringtap,name=" + name);
        }
    }

    @Test
    void should_report_starting_then_states_when_the_root_sets_them() {
        assertThat(value("AgentState")).isEqualTo(0);
        assertThat(value("ForwarderState")).isEqualTo(0);

        metrics.agentState(AgentState.DISABLED);
        metrics.configErrors(3);

        assertThat(value("AgentState")).isEqualTo(2);
        assertThat(value("ConfigErrors")).isEqualTo(3);
        assertThat(AgentState.RUNNING.code()).isEqualTo(1);
        assertThat(AgentState.FAILED.code()).isEqualTo(3);
    }

    @Test
    void should_read_bound_capture_readings_and_derive_lag_from_change_timestamps() {
        // Given nothing bound, every capture gauge reads 0
        assertThat(value("CaptureLagSeconds")).isEqualTo(0.0);
        assertThat(value("MutationsCaptured")).isEqualTo(0L);

        // When capture readings are bound: 2 mutations, the newest change 2.5 s ago, 3 segments pending
        long lastTs = nowMicros.get() - 2_500_000L;
        metrics.bindCapture(new CaptureReadings() {
            @Override public long segmentsPending() { return 3; }
            @Override public long bytesPending() { return 96L << 20; }
            @Override public long mutationsCaptured() { return 2; }
            @Override public long eventsCaptured() { return 6; }
            @Override public long lastCapturedTs() { return lastTs; }
            @Override public long segmentsQuarantined() { return 1; }
            @Override public long droppedTableMutations() { return 7; }
        });

        // Then the gauges read them, and the lag follows the clock
        assertThat(value("MutationsCaptured")).isEqualTo(2L);
        assertThat(value("EventsCaptured")).isEqualTo(6L);
        assertThat(value("CaptureLagSeconds")).isEqualTo(2.5);
        assertThat(value("SegmentsQuarantined")).isEqualTo(1L);
        assertThat(value("DroppedTableMutations")).isEqualTo(7L);
        assertThat(value("SegmentsPending")).isEqualTo(3L);
        assertThat(value("BytesPending")).isEqualTo(96L << 20);
        nowMicros.addAndGet(1_000_000L);
        assertThat(value("CaptureLagSeconds")).isEqualTo(3.5);
    }

    @Test
    void should_report_forward_lag_only_while_entries_wait() {
        // Given a forwarder with 12 entries waiting, the oldest change 4 s old, and a queue
        AtomicLong lag = new AtomicLong(12);
        long oldest = nowMicros.get() - 4_000_000L;
        metrics.bindForward(new ForwardReadings() {
            @Override public long eventsForwarded() { return 100; }
            @Override public long lagEntries() { return lag.get(); }
            @Override public long oldestUnforwardedTs() { return oldest; }
            @Override public long kafkaErrors() { return 1; }
            @Override public long transactionsAborted() { return 1; }
            @Override public ForwarderState state() { return ForwarderState.RETRYING; }
        });
        metrics.bindQueue(new QueueReadings() {
            @Override public long bytes() { return 4096; }
            @Override public long entries() { return 12; }
            @Override public long backlogBytes() { return 1024; }
        });

        // Then
        assertThat(value("ForwardLagEntries")).isEqualTo(12L);
        assertThat(value("ForwardLagSeconds")).isEqualTo(4.0);
        assertThat(value("EventsForwarded")).isEqualTo(100L);
        assertThat(value("KafkaErrors")).isEqualTo(1L);
        assertThat(value("TransactionsAborted")).isEqualTo(1L);
        assertThat(value("ForwarderState")).isEqualTo(2);
        assertThat(value("QueueBytes")).isEqualTo(4096L);
        assertThat(value("QueueEntries")).isEqualTo(12L);
        assertThat(value("QueueBacklogBytes")).isEqualTo(1024L);

        // When caught up / Then no lag, whatever the stale timestamp
        lag.set(0);
        assertThat(value("ForwardLagSeconds")).isEqualTo(0.0);
    }
}
