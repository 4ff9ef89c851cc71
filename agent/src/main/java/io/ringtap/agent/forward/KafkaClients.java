package io.ringtap.agent.forward;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Makes the Kafka clients the forwarder uses, from the user's {@code kafka.*} settings plus what exactly
 * once needs. Tests inject Kafka's MockProducer/MockConsumer through this interface.
 */
public interface KafkaClients {

    /** A transactional producer; {@code config} is complete (see {@link #producerConfig}). */
    Producer<byte[], byte[]> producer(Map<String, Object> config);

    /** A consumer to read the offsets topic; {@code config} is complete (see {@link #consumerConfig}). */
    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    /** The topic creator, or {@link TopicAdmin#none()} when {@code forward.create-topics} is false. */
    TopicAdmin topicAdmin(ForwarderSettings settings);

    /** The admin calls that find and end transactions Kafka left open (see {@link StaleTransactions}). */
    TransactionProbe transactionProbe(ForwarderSettings settings);

    /** The real clients (kafka-clients bundled in the agent jar). */
    static KafkaClients real() {
        return new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }

            @Override
            public TopicAdmin topicAdmin(ForwarderSettings settings) {
                if (!settings.createTopics) {
                    return TopicAdmin.none();
                }
                return new KafkaTopicAdmin(Admin.create(adminConfig(settings)), settings.topicPartitions,
                        settings.topicReplicationFactor, settings.offsetsReplicationFactor,
                        Duration.ofMillis(settings.offsetsReadTimeoutMs));
            }

            @Override
            public TransactionProbe transactionProbe(ForwarderSettings settings) {
                return new KafkaTransactionProbe(Admin.create(adminConfig(settings)), Duration.ofMillis(settings.offsetsReadTimeoutMs));
            }
        };
    }

    /**
     * Producer settings: lz4, linger 5 ms and 256 KiB batches unless the user says otherwise; idempotence,
     * acks=all, at most 5 requests in flight (which keeps per-partition order with idempotence) and the
     * node's transactional id are forced, because exactly once depends on them.
     */
    static Map<String, Object> producerConfig(ForwarderSettings settings, String hostId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "ringtap-forward-" + hostId);
        c.putAll(settings.kafka());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(hostId));
        Object inFlight = c.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight == null || parseIntOr(inFlight, 5) > 5) {
            c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        }
        c.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        c.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return c;
    }

    /** Consumer settings for the offsets topic: the user's settings a consumer knows (TLS, SASL...), read_committed, no group. */
    static Map<String, Object> consumerConfig(ForwarderSettings settings, String hostId) {
        Map<String, Object> c = known(settings.kafka(), ConsumerConfig.configNames());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ringtap-forward-offsets-" + hostId);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // reading must never auto-create the offsets topic without compaction
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        c.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return c;
    }

    /** Admin settings: the user's settings an admin client knows. */
    static Map<String, Object> adminConfig(ForwarderSettings settings) {
        Map<String, Object> c = known(settings.kafka(), AdminClientConfig.configNames());
        c.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        return c;
    }

    private static Map<String, Object> known(Map<String, String> kafka, Set<String> names) {
        Map<String, Object> c = new HashMap<>();
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            // config providers (e.g. ${env:NAME}, ${file:path:key} for secrets) must reach every client
            if (names.contains(e.getKey()) || e.getKey().startsWith("config.providers")) {
                c.put(e.getKey(), e.getValue());
            }
        }
        return c;
    }

    private static int parseIntOr(Object value, int fallback) {
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
