package io.ringtap.bench.latency;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code read_committed} consumer on one topic, on its own thread, reporting the first sighting of each record
 * key to the current run's {@link LatencyMatcher}. Polls back to back with a short broker wait, so the time a
 * record is seen is bounded by the fetch round trip, not by the consumer.
 */
final class EventWatcher implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final AtomicReference<LatencyMatcher> current = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    EventWatcher(String bootstrap, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "ringtap-bench-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The matcher that later sightings go to (null: none). */
    void watch(LatencyMatcher matcher) {
        current.set(matcher);
    }

    /** The partition key {@code id} of a record key such as {@code {"id":42}}, or -1. */
    static long keyOf(String recordKey) {
        if (recordKey == null) {
            return -1;
        }
        Matcher m = ID.matcher(recordKey);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    void checkAlive() {
        if (failure != null) {
            throw new IllegalStateException("consumer failed: " + failure, failure);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
                if (infos == null) {
                    Thread.sleep(200);
                    continue;
                }
                partitions = new ArrayList<>();
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                LatencyMatcher matcher = current.get();
                if (matcher == null) {
                    continue;
                }
                for (ConsumerRecord<String, String> r : records) {
                    matcher.seen(keyOf(r.key()), now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
