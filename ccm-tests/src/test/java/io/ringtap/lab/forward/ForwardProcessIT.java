package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.KafkaBroker;
import io.ringtap.lab.StandaloneForwarder;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import io.ringtap.lab.workload.EveryOpWorkload;
import io.ringtap.lab.workload.ExpectedEvent;
import io.ringtap.lab.workload.Replication;
import io.ringtap.lab.workload.WorkloadRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarder as a process of its own ({@code Main forward <ringtap.yaml>}) on the queue of a capture-only node
 * ({@code forward.enabled: false}): the every-op workload arrives exactly as expected, and exactly once survives kill -9
 * of the forwarder process, of the node and of the broker mid-stream. The queue rolls every minute and forwarded files
 * may go at once, so the process also tails new roll cycles and deletes files the node appended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForwardProcessIT {
    private static final String KS = "fwd_proc_all";
    private static final String CRASH_KS = "fwd_proc_crash";
    private static final int KEYS = 8;

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(true).sync(SyncMode.GROUP)
            .agentConfig("forward.enabled", "false")
            .agentConfig("forward.backoff-max-ms", "2000")
            .agentConfig("queue.roll-cycle", "MINUTELY")
            .agentConfig("queue.retention-hours", "0")
            .build();

    @Test
    @Order(1)
    void should_deliver_exactly_the_expected_events_when_the_forwarder_is_a_separate_process() throws Exception {
        // Given: a capture-only node that took every op and type (no forwarder yet: the events wait in its queue)
        CqlSession session = LAB.lab().session(1);
        WorkloadRecord record = new EveryOpWorkload(KS).run(session, Replication.simple(1));

        // When: the forwarder process starts on the node's queue, with no host id configured
        StandaloneForwarder forwarder = LAB.lab().forwarder(1);
        forwarder.start();

        // Then: a read_committed consumer sees exactly the expected events, with the spec's topics, keys and headers
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), record.expectations().size(), Duration.ofSeconds(120), KS);
        List<JsonNode> events = kafka.events(KS);
        assertThat(ExpectedEvent.unmatched(record.expectations(), events)).as("expected events missing from Kafka").isEmpty();
        assertThat(ExpectedEvent.unexpected(record.expectations(), events)).as("events nobody expected").isEmpty();
        assertThat(events).as("one event per expectation, none twice").hasSize(record.expectations().size());
        kafka.assertRecordsFollowSpec(session);
        assertThat(kafka.orderViolations()).isEmpty();

        // and the host id the process found in the queue is the node's own
        String hostId = session.execute("SELECT host_id FROM system.local").one().getUuid(0).toString();
        assertThat(kafka.items()).allSatisfy(i -> assertThat(i.node()).isEqualTo(hostId));

        // and the fold of the Kafka events is every table's content
        RowComparison.Result all = FoldCheck.compare(session, events, KS, record.tables(), null);
        assertThat(all.matches()).as(all.diff()).isTrue();
    }

    @Test
    @Order(2)
    void should_deliver_every_acknowledged_write_once_when_forwarder_node_and_broker_are_killed_mid_stream() throws Exception {
        // Given: a writer of distinct writes over a few keys, and the forwarder process tailing the node's queue
        CqlSession setup = LAB.lab().session(1);
        setup.execute("CREATE KEYSPACE IF NOT EXISTS " + CRASH_KS + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        setup.execute(KeyedWriter.ddl(CRASH_KS));
        KeyedWriter writer = new KeyedWriter(() -> LAB.lab().session(1), CRASH_KS, KEYS, 60);
        writer.start();
        writer.awaitMore(20);
        StandaloneForwarder forwarder = LAB.lab().forwarder(1);
        if (!forwarder.isRunning()) forwarder.start();
        KafkaBroker broker = LAB.lab().kafka();
        CassandraNode node = LAB.lab().node(1);

        long t0 = System.nanoTime();
        // When: the forwarder process is killed -9 four times (once while the broker is down), the broker once and
        // the node twice, while writes flow
        writer.awaitMore(25);
        broker.kill();
        writer.awaitMore(20);
        forwarder.kill();
        forwarder.start();
        writer.awaitMore(20);
        Thread.sleep(3_500); // the dead broker's session must expire before it may register again
        broker.start();
        long tBroker = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            writer.awaitMore(25);
            forwarder.kill();
            writer.awaitMore(15);
            forwarder.start();
            if (round < 2) {
                writer.awaitMore(25);
                node.kill();
                node.start();
            }
        }
        writer.awaitMore(25);
        int written = writer.stopAndJoin();
        long tKills = System.nanoTime();

        // Then: every acknowledged write's events are in Kafka
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), 2 * written, Duration.ofSeconds(180), CRASH_KS);
        System.out.printf("ForwardProcessIT: broker phase %d s, kill rounds %d s, reading Kafka %d s%n",
                (tBroker - t0) / 1_000_000_000L, (tKills - tBroker) / 1_000_000_000L, (System.nanoTime() - tKills) / 1_000_000_000L);
        assertThat(written).as("writes acknowledged").isGreaterThan(250);
        // nothing missing or invented, no id twice (unless the client retried), per-key order, fold == table
        ExactlyOnce.assertDelivered(writer, written, kafka, LAB.lab().session(1), CRASH_KS);

        // and the process is still forwarding, and never stopped on a fatal error
        assertThat(forwarder.isRunning()).isTrue();
        assertThat(forwarder.logLines("failed and stopped")).isEmpty();
        // and the process deleted forwarded rolled files of the queue the node kept appending to, which the node took
        // without a ringtap error
        assertThat(forwarder.logLines("deleted")).as("forwarded queue files deleted by the process").isNotEmpty();
        List<String> nodeComplaints = ringtapProblems(node);
        assertThat(nodeComplaints).noneMatch(line -> line.startsWith("ERROR"));
        System.out.printf("ForwardProcessIT: %d writes acknowledged, %d failed attempts, %d retried writes, %d events; "
                        + "forwarder deleted rolled queue files: %s%n", written, writer.failures(), writer.retried().size(),
                kafka.events().size(), forwarder.logLines("deleted"));
        System.out.println("ForwardProcessIT: the node's ringtap WARN/ERROR lines: " + nodeComplaints);
    }

    /** The node's WARN and ERROR lines of ringtap's threads (the node appends while the process deletes its files). */
    private static List<String> ringtapProblems(CassandraNode node) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(node.systemLog())) {
            if ((line.startsWith("WARN") || line.startsWith("ERROR")) && line.contains("ringtap")) out.add(line);
        }
        return out;
    }
}
