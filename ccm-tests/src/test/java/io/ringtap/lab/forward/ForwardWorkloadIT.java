package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on one node: the every-op-and-type workload and the weather sample reach a {@code read_committed}
 * consumer as exactly the events the spec requires, on the right topics, with the right keys and headers, in per-key
 * order, and their fold is the tables' content.
 */
class ForwardWorkloadIT {
    private static final String KS = "fwd_all";
    private static final int WEATHER_HOURS = 6;
    /** A weather insert writes the row marker and each of its 9 regular columns. */
    private static final int WEATHER_EVENTS_PER_INSERT = 10;

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(true).sync(SyncMode.GROUP)
            .agentConfig("forward.backoff-max-ms", "2000").build();

    @Test
    void should_deliver_exactly_the_expected_events_with_topics_keys_and_headers_when_every_op_is_written() {
        // Given: one node forwarding to Kafka
        CqlSession session = LAB.lab().session(1);

        // When: every op and type is written, plus the weather sample
        WorkloadRecord record = new EveryOpWorkload(KS).run(session, Replication.simple(1));
        WeatherWorkload.createSchema(session, Replication.simple(1));
        int weatherInserts = WeatherWorkload.writeSample(session, WEATHER_HOURS).size();
        int expectedCount = record.expectations().size() + weatherInserts * WEATHER_EVENTS_PER_INSERT;

        // Then: a read_committed consumer sees exactly the expected events of the workload keyspace
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), expectedCount, Duration.ofSeconds(120),
                KS, WeatherWorkload.KEYSPACE);
        List<JsonNode> mine = kafka.events(KS);
        assertThat(ExpectedEvent.unmatched(record.expectations(), mine)).as("expected events missing from Kafka").isEmpty();
        assertThat(ExpectedEvent.unexpected(record.expectations(), mine)).as("events nobody expected").isEmpty();
        assertThat(mine).as("one event per expectation, none twice").hasSize(record.expectations().size());
        List<JsonNode> weather = kafka.events(WeatherWorkload.KEYSPACE);
        assertThat(weather).hasSize(weatherInserts * WEATHER_EVENTS_PER_INSERT);
        assertThat(weather).filteredOn(e -> e.path("op").asText().equals("row")).hasSize(weatherInserts);
        assertThat(weather).filteredOn(e -> e.path("column").asText().equals("temperature"))
                .extracting(e -> e.path("value").asDouble()).contains(-5.6, -5.1, -4.6);

        // and every id is unique, and each record carries its topic, key and headers as the spec says
        kafka.assertRecordsFollowSpec(session);

        // and per key, (segment, position) never goes back
        assertThat(kafka.orderViolations()).isEmpty();

        // and the fold of the Kafka events is every table's content
        RowComparison.Result all = FoldCheck.compare(session, mine, KS, record.tables(), null);
        assertThat(all.matches()).as(all.diff()).isTrue();
        RowComparison.Result w = FoldCheck.compare(session, weather, WeatherWorkload.KEYSPACE,
                List.of(WeatherWorkload.TABLE), null);
        assertThat(w.matches()).as(w.diff()).isTrue();
    }
}
