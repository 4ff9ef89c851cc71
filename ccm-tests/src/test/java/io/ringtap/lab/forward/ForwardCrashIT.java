package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.KafkaBroker;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

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
        assertThat(written).as("writes acknowledged").isGreaterThan(300);
        // nothing missing or invented, no id twice (unless the client retried), per-key order, fold == table
        ExactlyOnce.assertDelivered(writer, written, kafka, LAB.lab().session(1), KS);
        System.out.printf("ForwardCrashIT: %d writes acknowledged, %d failed attempts, %d retried writes, %d events%n",
                written, writer.failures(), writer.retried().size(), kafka.events().size());
    }
}
