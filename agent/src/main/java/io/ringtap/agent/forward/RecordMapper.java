package io.ringtap.agent.forward;

import io.ringtap.agent.eav.EavEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns an event into its Kafka record, as the spec's "On Kafka" fixes it: topic from the template, key =
 * the partition key JSON, value = the event JSON, headers {@code ringtap.id} and {@code ringtap.op}, all
 * UTF-8. The partition is left to the producer's partitioner, so equal keys share a partition.
 */
final class RecordMapper {
    static final String ID_HEADER = "ringtap.id";
    static final String OP_HEADER = "ringtap.op";

    private final ForwarderSettings settings;

    RecordMapper(ForwarderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    String topic(EavEvent event) {
        return settings.topicFor(event.keyspace(), event.table());
    }

    ProducerRecord<byte[], byte[]> record(EavEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ID_HEADER, utf8(event.id())));
        headers.add(new RecordHeader(OP_HEADER, utf8(event.op().wireName())));
        return new ProducerRecord<>(topic(event), null, utf8(event.recordKey()), utf8(event.json()), headers);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
