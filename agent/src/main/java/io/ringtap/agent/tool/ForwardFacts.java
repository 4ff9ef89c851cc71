package io.ringtap.agent.tool;

import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.forward.CommittedPositionReader;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The forwarder's position as Kafka knows it: the offsets topic read {@code read_committed} for this node's
 * host id, then the lag measured on the local queue. Without Kafka the position is unknown, and said so.
 */
final class ForwardFacts {
    private ForwardFacts() {
    }

    /**
     * @param consumers makes the consumer from its settings; null means Kafka is skipped (--no-kafka)
     */
    static Map<String, Object> describe(RingtapConfig config, EventQueue queue, Duration timeout,
                                        Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers,
                                        Instant now, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        String host = hostId(config, queue);
        m.put("host_id", host);
        m.put("offsets_topic", config.offsetsTopic());
        m.put("kafka", consumers == null ? "skipped" : null);
        m.put("committed_index", null);
        m.put("lag_entries", null);
        m.put("lag_seconds", null);
        if (consumers == null) {
            return m;
        }
        if (host == null) {
            m.put("kafka", "not asked: no host id (forward.host-id unset and the queue is empty)");
            return m;
        }
        long committed;
        try (Consumer<byte[], byte[]> consumer = consumers.apply(consumerConfig(config, timeout))) {
            committed = new CommittedPositionReader(config.offsetsTopic(), timeout).read(consumer, host);
        } catch (RuntimeException e) {
            m.put("kafka", "unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            problems.add("Kafka (" + config.kafkaProperties().get("bootstrap.servers") + ") did not answer: forward lag unknown");
            return m;
        }
        m.put("kafka", "ok");
        m.put("committed_index", committed < 0 ? null : committed);
        long lagEntries = queue == null ? 0 : queue.entriesAfter(committed);
        m.put("lag_entries", lagEntries);
        m.put("lag_seconds", lagEntries == 0 ? 0L : lagSeconds(queue, committed, now));
        return m;
    }

    /** now minus the ts of the oldest event of the oldest unforwarded entry; null when unknown. */
    private static Long lagSeconds(EventQueue queue, long committed, Instant now) {
        try (EventQueue.QueueReader r = queue.readerAfter(committed)) {
            QueueEntry oldest = r.next();
            Long ts = oldest == null ? null : QueueFacts.ts(oldest.events(), false);
            return ts == null ? null : QueueFacts.ageSeconds(ts, now);
        } catch (IllegalArgumentException committedEntryDeleted) {
            return null;
        }
    }

    /** forward.host-id, else the node of the queue's first entry (each entry carries its node's host id). */
    static String hostId(RingtapConfig config, EventQueue queue) {
        if (config.forwardHostId().isPresent()) {
            return config.forwardHostId().get();
        }
        if (queue == null) {
            return null;
        }
        try (EventQueue.QueueReader r = queue.reader()) {
            QueueEntry first = r.next();
            return first == null ? null : first.source().node();
        }
    }

    static Map<String, Object> consumerConfig(RingtapConfig config, Duration timeout) {
        Map<String, Object> c = new HashMap<>();
        for (Map.Entry<String, String> e : config.kafkaProperties().entrySet()) {
            if (ConsumerConfig.configNames().contains(e.getKey()) || e.getKey().startsWith("config.providers")) {
                c.put(e.getKey(), e.getValue());
            }
        }
        int ms = (int) timeout.toMillis();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ringtap-status");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        c.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(ms, 2000)));
        c.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, String.valueOf(Math.min(ms, 2000)));
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    static Consumer<byte[], byte[]> kafkaConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config);
    }
}
