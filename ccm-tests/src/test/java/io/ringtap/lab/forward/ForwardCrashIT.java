package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.KafkaBroker;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once through crashes: while a client writes, the broker and the node are each killed -9 three times
 * mid-stream and restarted; a {@code read_committed} consumer then sees every acknowledged write, no id twice from
 * the node (unless the client itself retried that write), per-key order, and a fold equal to the table.
 */
class ForwardCrashIT {
    private static final String KS = "fwd_crash";
    private static final int KEYS = 8;

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(true).sync(SyncMode.GROUP)
            .agentConfig("forward.backoff-max-ms", "2000").build();

    @Test
    void should_deliver_every_acknowledged_write_once_in_order_when_broker_and_node_are_killed_mid_stream() throws Exception {
        // Given: a writer of distinct writes over a few keys, running
        CqlSession setup = LAB.lab().session(1);
        setup.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        setup.execute(KeyedWriter.ddl(KS));
        KeyedWriter writer = new KeyedWriter(() -> LAB.lab().session(1), KS, KEYS, 80);
        writer.start();
        KafkaBroker broker = LAB.lab().kafka();
        CassandraNode node = LAB.lab().node(1);

        // When: the broker and the node are each killed -9 three times, alternately, while writes flow
        for (int round = 0; round < 3; round++) {
            writer.awaitMore(40);
            broker.kill();
            writer.awaitMore(40);
            Thread.sleep(3_500); // the dead broker's session must expire before it may register again
            broker.start();
            writer.awaitMore(40);
            node.kill();
            node.start();
        }
        writer.awaitMore(40);
        int written = writer.stopAndJoin();

        // Then: every acknowledged write's events are in Kafka
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), 2 * written, Duration.ofSeconds(180), KS);
        List<JsonNode> events = kafka.events();
        assertThat(written).as("writes acknowledged").isGreaterThan(300);
        assertThat(writer.missing(written, events)).as("events of acknowledged writes missing from Kafka").isEmpty();
        assertThat(events).allSatisfy(e -> assertThat(KeyedWriter.writeOf(e)).isBetween(0, written - 1));

        // and no id twice from the node, unless the client retried that very write
        Set<Integer> retried = writer.retried();
        Map<String, Integer> writeOfId = new HashMap<>();
        for (JsonNode e : events) writeOfId.put(e.path("id").asText(), KeyedWriter.writeOf(e));
        assertThat(kafka.duplicateIdsPerNode().keySet())
                .as("ids sent twice by the node (retried writes: %s)", retried)
                .allSatisfy(nodeAndId -> assertThat(retried).contains(writeOfId.get(nodeAndId.substring(nodeAndId.indexOf('/') + 1))));
        assertThat(events.size()).isLessThanOrEqualTo(2 * (written + retried.size()));

        // and per key the (segment, position) order holds, and the fold is the table
        assertThat(kafka.orderViolations()).isEmpty();
        RowComparison.Result r = FoldCheck.compare(LAB.lab().session(1), events, KS, List.of("t"), null);
        assertThat(r.matches()).as(r.diff()).isTrue();
        System.out.printf("ForwardCrashIT: %d writes acknowledged, %d failed attempts, %d retried writes, %d events%n",
                written, writer.failures(), retried.size(), events.size());
    }
}
