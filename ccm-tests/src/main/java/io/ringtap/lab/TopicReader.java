package io.ringtap.lab;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads whole topics from the beginning as a {@code read_committed} consumer, the way ringtap's
 * downstream consumers must: records of aborted or open transactions are never returned. No consumer
 * group, no committed offsets: every call sees the topics from their start.
 */
public final class TopicReader {

    /** One consumed record: where it was, its key, value and headers (UTF-8). */
    public static final class Record {
        public final String topic;
        public final int partition;
        public final long offset;
        public final String key;
        public final String value;
        public final Map<String, String> headers;

        Record(ConsumerRecord<String, String> r) {
            this.topic = r.topic();
            this.partition = r.partition();
            this.offset = r.offset();
            this.key = r.key();
            this.value = r.value();
            Map<String, String> h = new LinkedHashMap<>();
            for (Header header : r.headers()) {
                h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            this.headers = h;
        }
    }

    private TopicReader() {
    }

    /**
     * Every committed record of the topics whose names match {@code topics}, reading until at least
     * {@code atLeast} records were seen and then until nothing new arrives for {@code quiet}, or until
     * {@code timeout} passes.
     */
    public static List<Record> readAll(String bootstrap, Pattern topics, int atLeast, Duration quiet, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Record> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline) {
                List<TopicPartition> partitions = partitions(consumer, topics);
                if (!partitions.equals(assigned)) {
                    // topics appear as the forwarder creates them: re-read everything from the start
                    assigned = partitions;
                    consumer.assign(assigned);
                    consumer.seekToBeginning(assigned);
                    out.clear();
                }
                if (assigned.isEmpty()) {
                    // no matching topic yet: polling an empty assignment throws
                    sleep(200);
                    continue;
                }
                int before = out.size();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Record(r));
                }
                if (out.size() > before) {
                    lastNew = System.nanoTime();
                } else if (out.size() >= atLeast && System.nanoTime() - lastNew >= quiet.toNanos()) {
                    break;
                }
            }
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for topics");
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, Pattern topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(Duration.ofSeconds(10)).entrySet()) {
            if (topics.matcher(e.getKey()).matches()) {
                for (PartitionInfo info : e.getValue()) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
        }
        partitions.sort((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        return partitions;
    }
}
