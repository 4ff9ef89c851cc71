package io.ringtap.lab;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.ringtap.lab.junit.LabExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One node with the agent installed, plus the broker: CQL, CDC segments in cdc_raw, Kafka durability across kill -9. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleNodeLabIT {
    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).agent(true).kafka(true).build();

    @Test
    @Order(1)
    void should_serve_cql_with_the_agent_installed_when_one_node_is_up() throws IOException {
        // Given the lab's only node
        CassandraNode node = LAB.lab().node(1);

        // When it is queried through its own session
        Row row = LAB.lab().session(1).execute("SELECT release_version, listen_address FROM system.local").one();

        // Then it is Cassandra 5.0.9 on 127.0.0.1, with the agent and triggers installed as a DBA would
        assertThat(row.getString("release_version")).isEqualTo("5.0.9");
        assertThat(row.getInetAddress("listen_address").getHostAddress()).isEqualTo(node.address());
        assertThat(Files.readString(node.agentConfig()))
                .contains("queue.directory: " + node.queueDir())
                .contains("kafka.bootstrap.servers: " + LAB.lab().kafkaBootstrap());
        try (Stream<Path> jars = Files.list(node.triggersDir())) {
            assertThat(jars.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("ringtap-triggers-"));
        }
        assertThat(node.pid()).isPresent();
    }

    @Test
    @Order(2)
    void should_write_cdc_segments_to_cdc_raw_when_a_cdc_table_is_written_and_flushed() throws Exception {
        // Given a cdc = true table
        CqlSession s = LAB.lab().session(1);
        s.execute("CREATE KEYSPACE IF NOT EXISTS lab_cdc WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS lab_cdc.readings (station text, ts int, temp double, PRIMARY KEY (station, ts)) WITH cdc = true");

        // When rows are written and the node flushes
        for (int i = 0; i < 200; i++) {
            s.execute("INSERT INTO lab_cdc.readings (station, ts, temp) VALUES (?, ?, ?)", "st-" + (i % 7), i, i / 10.0);
        }
        LAB.lab().nodetool().run(LAB.lab().node(1), "flush", "lab_cdc");

        // Then cdc_raw holds a commit log segment whose _cdc.idx names a positive offset, and the rows read back
        Path cdcRaw = LAB.lab().node(1).cdcRawDir();
        long offset = awaitIdxOffset(cdcRaw, Duration.ofSeconds(30));
        assertThat(offset).isPositive();
        try (Stream<Path> files = Files.list(cdcRaw)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("CommitLog-\\d+-\\d+\\.log"));
        }
        Row row = s.execute("SELECT temp FROM lab_cdc.readings WHERE station = 'st-3' AND ts = 10").one();
        assertThat(row.getDouble("temp")).isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void should_reload_triggers_when_nodetool_reloadtriggers_runs() {
        // Given the running node, When nodetool reloadtriggers and status run, Then they succeed and status lists the node Up/Normal
        LAB.lab().nodetool().run(LAB.lab().node(1), "reloadtriggers");
        String status = LAB.lab().nodetool().run(LAB.lab().node(1), "status");
        assertThat(status).contains("UN  " + LAB.lab().node(1).address());
    }

    @Test
    @Order(4)
    void should_keep_records_when_the_broker_is_killed_and_restarted() {
        // Given records produced to the broker
        String topic = "lab-selftest-" + UUID.randomUUID();
        Map<String, String> sent = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            sent.put("key-" + i, "value-" + i);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            sent.forEach((k, v) -> producer.send(new ProducerRecord<>(topic, k, v)));
            producer.flush();
        }
        assertThat(consumeAll(topic, sent.size())).containsExactlyEntriesOf(sent);

        // When the broker is killed with SIGKILL and restarted on its data
        LAB.lab().kafka().kill();
        assertThat(LAB.lab().kafka().isRunning()).isFalse();
        LAB.lab().kafka().start();

        // Then a new consumer group reads exactly the same records
        assertThat(consumeAll(topic, sent.size())).containsExactlyEntriesOf(sent);
    }

    private static long awaitIdxOffset(Path cdcRaw, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cdcRaw)) {
                for (Path idx : files.filter(p -> p.toString().endsWith("_cdc.idx")).toList()) {
                    String text = Files.readString(idx).trim();
                    String digits = text.split("\\s+")[0];
                    if (!digits.isEmpty() && Long.parseLong(digits) > 0) {
                        return Long.parseLong(digits);
                    }
                }
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LAB.lab().kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static Map<String, String> consumeAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LAB.lab().kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lab-selftest-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, String> got = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (got.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    got.put(r.key(), r.value());
                    order.add(r.key());
                }
            }
        }
        assertThat(order).hasSize(expected);
        return got;
    }
}
