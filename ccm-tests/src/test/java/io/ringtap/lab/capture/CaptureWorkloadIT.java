package io.ringtap.lab.capture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import io.ringtap.lab.workload.EveryOpWorkload;
import io.ringtap.lab.workload.ExpectedEvent;
import io.ringtap.lab.workload.Replication;
import io.ringtap.lab.workload.WeatherWorkload;
import io.ringtap.lab.workload.WorkloadRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node with the agent, no Kafka: the every-op-and-type workload and the weather sample land in the node's
 * local queue as exactly the events the spec prescribes, with their cdc source, in order, and fold back into the
 * tables' content.
 */
class CaptureWorkloadIT {
    private static final String KS = "capit_everyop";
    private static final int HOURS = 6;
    private static final String[] SKY = {"clear", "few", "scattered", "broken", "overcast"};

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(false).sync(SyncMode.GROUP).build();

    @Test
    void should_queue_exactly_the_expected_events_and_fold_to_the_tables_when_every_op_and_type_is_written() throws Exception {
        // Given one node capturing into its local queue
        CqlSession session = LAB.lab().session(1);
        String hostId = session.execute("SELECT host_id FROM system.local").one().getUuid(0).toString();

        // When the every-op workload and the weather sample are written
        long startSeconds = System.currentTimeMillis() / 1000;
        WorkloadRecord everyOp = new EveryOpWorkload(KS).run(session, Replication.simple(1));
        WeatherWorkload.createSchema(session, Replication.simple(1));
        WeatherWorkload.writeSample(session, HOURS);
        List<ExpectedEvent> expected = new ArrayList<>(everyOp.expectations());
        expected.addAll(weatherExpectations());

        // Then the queue soon holds every expected event, with exact content, and nothing else of these keyspaces
        List<JsonNode> all = QueueChecks.awaitEvents(LAB.lab(), 1,
                evs -> ExpectedEvent.unmatched(expected, evs).isEmpty(), Duration.ofSeconds(90));
        List<JsonNode> events = QueueChecks.ofKeyspaces(all, Set.of(KS, WeatherWorkload.KEYSPACE));
        assertThat(ExpectedEvent.unmatched(expected, events)).as("expected events missing from the queue").isEmpty();
        assertThat(ExpectedEvent.unexpected(expected, events)).as("queued events no statement should produce").isEmpty();

        // And an expiring change expires TTL seconds after it was written; a counter cell names its shard and clock
        long endSeconds = System.currentTimeMillis() / 1000;
        List<JsonNode> expiring = events.stream().filter(e -> e.has("ttl")).toList();
        assertThat(expiring).isNotEmpty().allSatisfy(e -> assertThat(e.path("expires_at").asLong())
                .isBetween(startSeconds + EveryOpWorkload.TTL - 1, endSeconds + EveryOpWorkload.TTL + 1));
        List<JsonNode> counters = events.stream().filter(e -> "counter".equals(e.path("type").asText())).toList();
        assertThat(counters).hasSize(4).allSatisfy(e -> {
            assertThat(e.path("counter").path("shard").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(e.path("counter").path("clock").asLong()).isPositive();
        });

        // And each comes from this node's commit log, once, in commit-log order per partition key
        assertThat(QueueChecks.badSources(all, hostId, CassandraNode.DATACENTER)).as("events with a wrong source").isEmpty();
        assertThat(QueueChecks.orderViolations(all)).as("per-key (segment, position) order").isEmpty();
        assertThat(QueueChecks.duplicatedEntries(all)).as("commit-log entries queued twice").isEmpty();

        // And the fold of the queued events equals SELECT JSON * of every table
        RowComparison.Result everyOpFold = FoldCheck.compare(session, events, KS, everyOp.tables(), null);
        assertThat(everyOpFold.matches()).as(everyOpFold.diff()).isTrue();
        RowComparison.Result weatherFold = FoldCheck.compare(session, events, WeatherWorkload.KEYSPACE,
                List.of(WeatherWorkload.TABLE), null);
        assertThat(weatherFold.matches()).as(weatherFold.diff()).isTrue();
    }

    /** What {@link WeatherWorkload#writeSample} must produce: a row marker and nine cells per reading, at server time. */
    private static List<ExpectedEvent> weatherExpectations() {
        List<ExpectedEvent> out = new ArrayList<>();
        for (int s = 0; s < WeatherWorkload.STATIONS.size(); s++) {
            for (int h = 0; h < HOURS; h++) {
                int i = s * 100 + h;
                double temperature = -5.6 + h * 0.5 + s;
                String key = "{'wsid':'" + WeatherWorkload.STATIONS.get(s) + "'}";
                String ck = "{'year':2026,'month':11,'day':23,'hour':" + (h % 24) + "}";
                out.add(weather("row", key, ck).build());
                Object[][] cells = {
                        {"temperature", temperature, "double"}, {"dewpoint", temperature - 2.0, "double"},
                        {"pressure", 1013.2 + (i % 7) * 0.1, "double"}, {"wind_direction", (i * 30) % 360, "int"},
                        {"wind_speed", 3.0 + (i % 5), "double"}, {"sky_condition", i % SKY.length, "int"},
                        {"sky_condition_text", "'" + SKY[i % SKY.length] + "'", "text"},
                        {"one_hour_precip", (i % 3) * 0.25, "double"}, {"six_hour_precip", (i % 4) * 0.5, "double"}};
                for (Object[] c : cells) {
                    out.add(weather("cell", key, ck).column((String) c[0]).value(String.valueOf(c[1])).type((String) c[2]).build());
                }
            }
        }
        return out;
    }

    private static ExpectedEvent.Builder weather(String op, String key, String clustering) {
        return ExpectedEvent.of(op, WeatherWorkload.KEYSPACE, WeatherWorkload.TABLE).key(key).clustering(clustering)
                .any("ts").statement("WeatherWorkload.writeSample");
    }
}
