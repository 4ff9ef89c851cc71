package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.TopicReader;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.BitSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue cap with Kafka down: capture pauses at {@code queue.max-bytes}, cdc_raw fills to {@code cdc_total_space},
 * Cassandra rejects writes to CDC tables (not to others), and once the broker is back every acknowledged write
 * arrives: the cap counts the bytes not yet forwarded, so capture resumes within the queue's current (hourly) file.
 */
class ForwardQueueCapIT {
    private static final String KS = "fwd_cap";
    private static final String PAYLOAD = "x".repeat(64 * 1024);
    private static final int MAX_WRITES = 20_000;

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(true).sync(SyncMode.GROUP)
            .cdcTotalSpace("96MiB").agentConfig("queue.max-bytes", "8m")
            .agentConfig("forward.backoff-max-ms", "2000").build();

    @Test
    void should_block_cdc_writes_then_deliver_every_acknowledged_write_when_the_queue_cap_is_reached_with_the_broker_down()
            throws Exception {
        // Given: a cdc table, a plain table, and the broker down
        CqlSession s = LAB.lab().session(1);
        s.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS " + KS + ".t (k int PRIMARY KEY, v text) WITH cdc = true");
        s.execute("CREATE TABLE IF NOT EXISTS " + KS + ".plain (k int PRIMARY KEY, v text)");
        LAB.lab().kafka().stop();
        PreparedStatement insert = s.prepare("INSERT INTO " + KS + ".t (k, v) VALUES (?, ?)");

        // When: 64 KiB writes go on until Cassandra rejects one
        BitSet acked = new BitSet();
        int rejectedAt = -1;
        for (int i = 0; i < MAX_WRITES && rejectedAt < 0; i++) {
            try {
                s.execute(insert.bind(i, PAYLOAD + i));
                acked.set(i);
            } catch (WriteFailureException | WriteTimeoutException e) {
                rejectedAt = i;
            }
        }

        // Then: the cdc table was blocked while a table without cdc still takes writes
        assertThat(rejectedAt).as("a cdc write rejected within %d writes", MAX_WRITES).isGreaterThan(0);
        s.execute("INSERT INTO " + KS + ".plain (k, v) VALUES (1, 'still fine')");

        // and once the broker is back, capture resumes and every acknowledged write reaches Kafka
        LAB.lab().kafka().start();
        BitSet seen = new BitSet();
        for (TopicReader.Record r : TopicReader.readAll(LAB.lab().kafkaBootstrap(), Pattern.compile("ringtap\\." + KS + "\\.t"),
                2 * acked.cardinality(), Duration.ofSeconds(5), Duration.ofMinutes(5))) {
            if (r.value.contains("\"op\":\"cell\"")) seen.set(Integer.parseInt(r.key.replaceAll("\\D", "")));
        }
        BitSet missing = (BitSet) acked.clone();
        missing.andNot(seen);
        assertThat(missing.cardinality()).as("acknowledged writes missing from Kafka: %s", missing).isZero();
        System.out.printf("ForwardQueueCapIT: %d writes acknowledged before the rejection at write %d%n", acked.cardinality(), rejectedAt);
    }
}
