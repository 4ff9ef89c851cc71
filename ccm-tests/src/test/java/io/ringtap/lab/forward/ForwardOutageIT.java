package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka outage (150 s; {@code -Dringtap.it.outage-seconds}) under load: Cassandra keeps accepting every write, the node's queue grows, and once the
 * broker is back everything arrives, once, in per-key order. (The queue-cap case is {@link ForwardQueueCapIT}.)
 */
class ForwardOutageIT {
    private static final String KS = "fwd_outage";
    /**
     * Minutes, as the issue asks, and longer than the producer's transaction timeout (60 s). Runs of 150 s once
     * delivered two entries twice before the forwarder ended transactions Kafka left open (see StaleTransactionIT).
     */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("ringtap.it.outage-seconds", 150));

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(true).sync(SyncMode.GROUP)
            .agentConfig("forward.backoff-max-ms", "2000").build();

    @Test
    void should_accept_every_write_and_deliver_the_backlog_in_order_when_the_broker_is_down_for_a_while() throws Exception {
        // Given: a writer running against a node whose forwarder is caught up
        CqlSession setup = LAB.lab().session(1);
        setup.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        setup.execute(KeyedWriter.ddl(KS));
        CassandraNode node = LAB.lab().node(1);
        KeyedWriter writer = new KeyedWriter(() -> LAB.lab().session(1), KS, 8, 20);
        writer.start();
        Thread.sleep(3_000);

        // When: the broker is stopped for the outage while the writes go on
        LAB.lab().kafka().stop();
        long entriesAtStop = RingtapJmx.gauge(node, "QueueEntries");
        int ackedAtStop = writer.acknowledged();
        Thread.sleep(OUTAGE.toMillis());
        long entriesBeforeRestart = RingtapJmx.gauge(node, "QueueEntries");
        int ackedBeforeRestart = writer.acknowledged();
        long forwardedBeforeRestart = RingtapJmx.gauge(node, "EventsForwarded");
        LAB.lab().kafka().start();
        Thread.sleep(3_000);
        int written = writer.stopAndJoin();

        // Then: Cassandra never refused a write, and the queue grew by the writes made meanwhile
        assertThat(writer.failures()).as("failed writes").isZero();
        assertThat(ackedBeforeRestart - ackedAtStop).as("writes during the outage").isGreaterThan(200);
        assertThat(entriesBeforeRestart - entriesAtStop).as("queue growth during the outage")
                .isGreaterThanOrEqualTo((ackedBeforeRestart - ackedAtStop) - 50L);

        // and after the broker returns every write arrives, once, in per-key order
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), 2 * written, Duration.ofSeconds(180), KS);
        List<JsonNode> events = kafka.events();
        assertThat(kafka.duplicateIdsPerNode()).as("ids delivered twice").isEmpty();
        assertThat(writer.missing(written, events)).as("events missing from Kafka").isEmpty();
        assertThat(events).hasSize(2 * written);
        assertThat(kafka.duplicateIdsPerNode()).isEmpty();
        assertThat(kafka.orderViolations()).isEmpty();
        assertThat(RingtapJmx.gauge(node, "EventsForwarded")).isGreaterThan(forwardedBeforeRestart);
        RowComparison.Result r = FoldCheck.compare(setup, events, KS, List.of("t"), null);
        assertThat(r.matches()).as(r.diff()).isTrue();
        System.out.printf("ForwardOutageIT: %d writes, %d during the outage, queue entries %d -> %d%n",
                written, ackedBeforeRestart - ackedAtStop, entriesAtStop, entriesBeforeRestart);
    }
}
