package io.ringtap.agent.forward;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the last position committed for one host from the offsets topic: every partition from its
 * beginning to its end as a {@code read_committed} consumer sees it (the last stable offset), keeping the
 * last value under the host's key. Run only after {@code initTransactions()}, which completes or aborts
 * whatever transaction the previous producer of this transactional id left open, so the end is final.
 */
public final class CommittedPositionReader {
    private final String topic;
    private final Duration timeout;

    public CommittedPositionReader(String topic, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
    }

    /** @return the committed queue index of {@code hostId}, {@link ForwardSource#NO_INDEX} when none */
    public long read(Consumer<byte[], byte[]> consumer, String hostId) {
        return readLast(consumer, hostId).index;
    }

    /** The last committed position record of {@code hostId}: its queue index and its record timestamp. */
    public Last readLast(Consumer<byte[], byte[]> consumer, String hostId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return Last.NONE;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        byte[] key = hostId.getBytes(StandardCharsets.UTF_8);
        Last last = Last.NONE;
        while (!reachedEnd(consumer, partitions, end)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + topic + " to its end took more than " + timeout.toMillis() + " ms");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null && Arrays.equals(record.key(), key) && record.value() != null) {
                    last = new Last(CommittedPosition.indexOf(record.value()), record.timestamp());
                }
            }
        }
        return last;
    }

    /** A host's last committed position record. */
    public static final class Last {
        static final Last NONE = new Last(ForwardSource.NO_INDEX, -1L);

        /** Queue index, {@link ForwardSource#NO_INDEX} when the host never committed. */
        public final long index;
        /** The record's timestamp (the producer's clock when it was sent), -1 when none. */
        public final long timestamp;

        Last(long index, long timestamp) {
            this.index = index;
            this.timestamp = timestamp;
        }
    }

    private static boolean reachedEnd(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            Long last = end.get(tp);
            if (last != null && consumer.position(tp) < last) {
                return false;
            }
        }
        return true;
    }
}
