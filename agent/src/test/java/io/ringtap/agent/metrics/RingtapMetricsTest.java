package io.ringtap.agent.metrics;

import com.codahale.metrics.Counter;
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
        return m instanceof Counter ? (Object) ((Counter) m).getCount() : ((Gauge<?>) m).getValue();
    }

    @Test
    void should_expose_exactly_the_agreed_metric_names() {
        assertThat(metrics.all().keySet()).containsExactly(
                "AgentState", "ConfigErrors", "SegmentsPending", "BytesPending", "MutationsCaptured",
                "EventsCaptured", "CaptureLagSeconds", "SegmentsQuarantined", "DroppedTableMutations",
                "QueueBytes", "QueueEntries", "EventsForwarded", "ForwardLagEntries", "ForwardLagSeconds",
                "KafkaErrors", "TransactionsAborted", "ForwarderState");
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
        metrics.state(ForwarderState.RETRYING);

        assertThat(value("AgentState")).isEqualTo(2);
        assertThat(value("ConfigErrors")).isEqualTo(3);
        assertThat(value("ForwarderState")).isEqualTo(2);
        assertThat(AgentState.RUNNING.code()).isEqualTo(1);
        assertThat(AgentState.FAILED.code()).isEqualTo(3);
    }

    @Test
    void should_count_captures_and_derive_lag_from_change_timestamps() {
        // Given no capture yet, the lag reads 0
        assertThat(value("CaptureLagSeconds")).isEqualTo(0.0);

        // When two mutations are captured, the newer change 2.5 s ago, and cdc_raw holds 3 segments
        CaptureMetrics capture = metrics;
        capture.mutationCaptured(4, nowMicros.get() - 10_000_000L);
        capture.mutationCaptured(2, nowMicros.get() - 2_500_000L);
        capture.segmentQuarantined();
        capture.droppedTableMutations("5a1c395e-b41f-11e5-9f22-ba0be0483c18", 7);
        capture.pending(3, 96L << 20);

        // Then counters, gauges and lag reflect it
        assertThat(value("MutationsCaptured")).isEqualTo(2L);
        assertThat(value("EventsCaptured")).isEqualTo(6L);
        assertThat(value("CaptureLagSeconds")).isEqualTo(2.5);
        assertThat(value("SegmentsQuarantined")).isEqualTo(1L);
        assertThat(value("DroppedTableMutations")).isEqualTo(7L);
        assertThat(value("SegmentsPending")).isEqualTo(3L);
        assertThat(value("BytesPending")).isEqualTo(96L << 20);
    }

    @Test
    void should_report_forward_lag_only_while_entries_wait() {
        // Given 12 entries waiting, the oldest change 4 s old, and some forwarder activity
        ForwardMetrics forward = metrics;
        forward.forwardLag(12, nowMicros.get() - 4_000_000L);
        forward.eventsForwarded(100);
        forward.kafkaError();
        forward.transactionAborted();
        ((QueueMetrics) metrics).queueSize(4096, 12);

        // Then
        assertThat(value("ForwardLagEntries")).isEqualTo(12L);
        assertThat(value("ForwardLagSeconds")).isEqualTo(4.0);
        assertThat(value("EventsForwarded")).isEqualTo(100L);
        assertThat(value("KafkaErrors")).isEqualTo(1L);
        assertThat(value("TransactionsAborted")).isEqualTo(1L);
        assertThat(value("QueueBytes")).isEqualTo(4096L);
        assertThat(value("QueueEntries")).isEqualTo(12L);

        // When caught up / Then no lag, whatever the old timestamp
        forward.forwardLag(0, 0);
        assertThat(value("ForwardLagSeconds")).isEqualTo(0.0);
    }
}
