package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every crash test asserts on a {@link KeyedWriter}'s writes as a {@code read_committed} consumer saw them. */
final class ExactlyOnce {
    private ExactlyOnce() {
    }

    /**
     * Every acknowledged write's events are there, nothing the writer never wrote, no id twice from a node unless
     * the client itself retried that very write, per-key (segment, position) order, and a fold equal to the table.
     */
    static void assertDelivered(KeyedWriter writer, int written, Forwarded kafka, CqlSession session, String ks) {
        List<JsonNode> events = kafka.events();
        assertThat(writer.missing(written, events)).as("events of acknowledged writes missing from Kafka").isEmpty();
        assertThat(events).allSatisfy(e -> assertThat(KeyedWriter.writeOf(e)).isBetween(0, written - 1));

        Set<Integer> retried = writer.retried();
        Map<String, Integer> writeOfId = new HashMap<>();
        for (JsonNode e : events) writeOfId.put(e.path("id").asText(), KeyedWriter.writeOf(e));
        assertThat(kafka.duplicateIdsPerNode().keySet())
                .as("ids sent twice by the node (retried writes: %s)", retried)
                .allSatisfy(nodeAndId -> assertThat(retried).contains(writeOfId.get(nodeAndId.substring(nodeAndId.indexOf('/') + 1))));
        assertThat(events.size()).isLessThanOrEqualTo(2 * (written + retried.size()));

        assertThat(kafka.orderViolations()).isEmpty();
        RowComparison.Result r = FoldCheck.compare(session, events, ks, List.of("t"), null);
        assertThat(r.matches()).as(r.diff()).isTrue();
    }
}
