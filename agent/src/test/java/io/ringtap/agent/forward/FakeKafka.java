package io.ringtap.agent.forward;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker simulated with Kafka's mocks: each (re)connect gets the next prepared MockProducer (or a fresh
 * one); the offsets topic a consumer reads holds the seeded records plus what every producer committed.
 */
final class FakeKafka implements KafkaClients {
    static final String OFFSETS = "ringtap.offsets";

    final Deque<MockProducer<byte[], byte[]>> prepared = new ArrayDeque<>();
    final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
    final List<ProducerRecord<byte[], byte[]>> seededOffsets = new CopyOnWriteArrayList<>();
    final List<String> ensuredTopics = new CopyOnWriteArrayList<>();
    volatile Map<String, Object> lastProducerConfig;
    volatile Map<String, Object> lastConsumerConfig;
    volatile TransactionProbe probe = TransactionProbe.none();

    static MockProducer<byte[], byte[]> newProducer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Producer<byte[], byte[]> producer(Map<String, Object> config) {
        lastProducerConfig = config;
        MockProducer<byte[], byte[]> p = prepared.isEmpty() ? newProducer() : prepared.poll();
        producers.add(p);
        return p;
    }

    @Override
    public synchronized Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        lastConsumerConfig = config;
        List<ProducerRecord<byte[], byte[]>> offsets = new ArrayList<>(seededOffsets);
        for (ProducerRecord<byte[], byte[]> r : committed()) {
            if (r.topic().equals(OFFSETS)) {
                offsets.add(r);
            }
        }
        return offsetsConsumer(offsets);
    }

    static MockConsumer<byte[], byte[]> offsetsConsumer(List<ProducerRecord<byte[], byte[]>> offsets) {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        TopicPartition tp = new TopicPartition(OFFSETS, 0);
        c.updatePartitions(OFFSETS, Collections.singletonList(new PartitionInfo(OFFSETS, 0, null, null, null)));
        c.updateBeginningOffsets(Collections.singletonMap(tp, 0L));
        c.updateEndOffsets(Collections.singletonMap(tp, (long) offsets.size()));
        c.schedulePollTask(() -> {
            long offset = 0;
            for (ProducerRecord<byte[], byte[]> r : offsets) {
                c.addRecord(new ConsumerRecord<>(OFFSETS, 0, offset++, r.key(), r.value()));
            }
        });
        return c;
    }

    @Override
    public TopicAdmin topicAdmin(ForwarderSettings settings) {
        return new TopicAdmin() {
            @Override public void ensureOffsetsTopic(String topic) { ensuredTopics.add("offsets:" + topic); }
            @Override public void ensureTopic(String topic) {
                if (!ensuredTopics.contains(topic)) {
                    ensuredTopics.add(topic);
                }
            }
            @Override public void close() { }
        };
    }

    @Override
    public TransactionProbe transactionProbe(ForwarderSettings settings) {
        return probe;
    }

    /** Every record committed by any producer, in commit order per producer. */
    List<ProducerRecord<byte[], byte[]>> committed() {
        List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (MockProducer<byte[], byte[]> p : producers) {
            all.addAll(p.history());
        }
        return all;
    }

    /** The ringtap.id header of every committed event record (not the offsets records), in order. */
    List<String> committedIds() {
        List<String> ids = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : committed()) {
            if (!r.topic().equals(OFFSETS)) {
                ids.add(new String(r.headers().lastHeader(RecordMapper.ID_HEADER).value(), StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    static ProducerRecord<byte[], byte[]> offsetsRecord(String host, long index) {
        return new ProducerRecord<>(OFFSETS, host.getBytes(StandardCharsets.UTF_8),
                new CommittedPosition(index, 1000L, 0).toValue(host, 1));
    }
}
