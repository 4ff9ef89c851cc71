package io.ringtap.agent.forward;

import io.ringtap.lab.KafkaBroker;
import io.ringtap.lab.junit.LabExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka behaviour behind the duplicates once seen after a long broker outage, reproduced on purpose: a
 * transaction ended while one of its partitions has no leader keeps that partition's records open (Kafka 4.3.1
 * skips the marker), and the next transaction of the same producer id sweeps them into its commit.
 * {@link StaleTransactions} must end them before the forwarder resends. Two brokers: the event topic lives
 * only on broker 2, which is killed; the coordinator and the offsets topic stay on broker 1.
 */
class StaleTransactionIT {
    private static final String OFFSETS = "ringtap.offsets";

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(0).kafka(true).build();

    @Test
    void should_deliver_each_event_once_when_kafka_left_the_resent_transaction_open_on_a_leaderless_partition() throws Exception {
        // Given: a transaction of events plus position, aborted while the event partition had no leader
        String topic = "ringtap.stale.t";
        String txnId = "ringtap-forward-h1";
        List<String> events = List.of("e1", "e2", "e3");
        try (Admin admin = admin()) {
            leaveOpenTransaction(admin, topic, txnId, "h1", events);
            TransactionProbe probe = new KafkaTransactionProbe(admin, Duration.ofSeconds(30));
            assertThat(probe.openTransactions(topic::equals, t -> true)).as("open transactions Kafka left on " + topic).hasSize(1);

            // When: the forwarder's reconnect: a fresh producer, stale transactions ended, the position read, the entries resent
            StaleTransactions stale = new StaleTransactions(probe, OFFSETS, topic::equals);
            CommittedPositionReader reader = new CommittedPositionReader(OFFSETS, Duration.ofSeconds(30));
            try (Producer<byte[], byte[]> producer = producer(txnId); Consumer<byte[], byte[]> offsets = consumer()) {
                producer.initTransactions();
                int aborted = stale.settle(txnId, () -> reader.readLast(offsets, "h1"));
                long resumeAfter = reader.read(offsets, "h1");
                commit(producer, topic, "h1", events);

                // Then: one transaction was aborted, the position said "nothing yet", and each event is there once
                assertThat(aborted).isEqualTo(1);
                assertThat(resumeAfter).isEqualTo(ForwardSource.NO_INDEX);
                assertThat(readCommitted(topic)).containsExactly("e1", "e2", "e3");
                assertThat(probe.openTransactions(topic::equals, t -> true)).isEmpty();
            }
        }
    }

    @Test
    void should_show_the_kafka_sweep_when_nothing_ends_the_open_transaction() throws Exception {
        // Given: the same open transaction
        String topic = "ringtap.swept.t";
        String txnId = "ringtap-forward-h2";
        List<String> events = List.of("e1", "e2");
        try (Admin admin = admin()) {
            leaveOpenTransaction(admin, topic, txnId, "h2", events);

            // When: the entries are resent without ending it
            try (Producer<byte[], byte[]> producer = producer(txnId)) {
                producer.initTransactions();
                commit(producer, topic, "h2", events);
            }

            // Then: Kafka commits the old records with the new ones: each event twice (what StaleTransactions prevents)
            assertThat(readCommitted(topic)).containsExactly("e1", "e2", "e1", "e2");
        }
    }

    /** Sends {@code events} and a position in one transaction, kills broker 2 (the topic's only replica), aborts, restarts it. */
    private static void leaveOpenTransaction(Admin admin, String topic, String txnId, String host, List<String> events) throws Exception {
        KafkaBroker broker2 = broker2();
        assertThat(coordinatorOf(admin, txnId)).as("transaction coordinator").isEqualTo(1);
        try {
            admin.createTopics(List.of(new NewTopic(OFFSETS, Map.of(0, List.of(1)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
        }
        admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(broker2.nodeId()))))).all().get(30, TimeUnit.SECONDS);
        try (Producer<byte[], byte[]> producer = producer(txnId)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String e : events) {
                producer.send(new ProducerRecord<>(topic, utf8("k"), utf8(e)));
            }
            producer.send(new ProducerRecord<>(OFFSETS, utf8(host), new CommittedPosition(events.size(), 1, 0).toValue(host, events.size())));
            producer.flush();
            broker2.kill();
            awaitLeader(admin, topic, leader -> leader == null || leader.isEmpty());
            assertThat(new KafkaTransactionProbe(admin, Duration.ofSeconds(5)).openTransactions(topic::equals, t -> false))
                    .as("a leaderless event partition is skipped, not an error").isEmpty();
            producer.abortTransaction();
        }
        broker2.start();
        awaitLeader(admin, topic, leader -> leader != null && leader.id() == broker2.nodeId());
    }

    private static KafkaBroker broker2;

    private static KafkaBroker broker2() {
        synchronized (StaleTransactionIT.class) {
            if (broker2 == null) {
                // the transaction coordinator must stay up: create its log on broker 1 before broker 2 exists
                try (Producer<byte[], byte[]> warmUp = producer("ringtap-it-warm-up")) {
                    warmUp.initTransactions();
                }
                broker2 = LAB.lab().addBroker(2);
            }
            return broker2;
        }
    }

    private static int coordinatorOf(Admin admin, String txnId) throws Exception {
        try (Producer<byte[], byte[]> p = producer(txnId)) {
            p.initTransactions();
        }
        return admin.describeTransactions(List.of(txnId)).description(txnId).get(30, TimeUnit.SECONDS).coordinatorId();
    }

    private static void commit(Producer<byte[], byte[]> producer, String topic, String host, List<String> events) {
        producer.beginTransaction();
        for (String e : events) {
            producer.send(new ProducerRecord<>(topic, utf8("k"), utf8(e)));
        }
        producer.send(new ProducerRecord<>(OFFSETS, utf8(host), new CommittedPosition(events.size(), 1, 0).toValue(host, events.size())));
        producer.commitTransaction();
    }

    private static void awaitLeader(Admin admin, String topic, Predicate<org.apache.kafka.common.Node> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            if (wanted.test(d.partitions().get(0).leader())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the leader of " + topic + " did not change as expected within 60 s");
    }

    private static List<String> readCommitted(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (Consumer<byte[], byte[]> c = consumer()) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LAB.lab().kafkaBootstrap()));
    }

    private static Producer<byte[], byte[]> producer(String txnId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LAB.lab().kafkaBootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, txnId, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Consumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LAB.lab().kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
