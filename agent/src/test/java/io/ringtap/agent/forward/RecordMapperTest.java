package io.ringtap.agent.forward;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordMapperTest {
    private static final String JSON = "{\"v\":1,\"id\":\"9b2c0e6f1d4a4c1e8f0a7b3d5e6c2a91\",\"op\":\"cell_delete\","
            + "\"keyspace\":\"weather\",\"table\":\"raw_data\",\"key\":{\"wsid\":\"725030:14732\",\"é\":1},\"column\":\"t\",\"ts\":5}";
    private static final EavEvent EVENT = new EavEvent("9b2c0e6f1d4a4c1e8f0a7b3d5e6c2a91", Op.CELL_DELETE, "weather",
            "raw_data", "{\"wsid\":\"725030:14732\",\"é\":1}", JSON);

    private static ForwarderSettings settings(Map<String, String> forward) {
        Map<String, String> c = new HashMap<>(forward);
        c.put("queue.directory", "/q");
        c.put("kafka.bootstrap.servers", "k1:9092");
        return TestSettings.of(c);
    }

    @Test
    void should_map_topic_key_value_and_headers_when_default_template() {
        // Given
        RecordMapper mapper = new RecordMapper(settings(Map.of()));

        // When
        ProducerRecord<byte[], byte[]> record = mapper.record(EVENT);

        // Then
        assertThat(record.topic()).isEqualTo("ringtap.weather.raw_data");
        assertThat(record.partition()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("{\"wsid\":\"725030:14732\",\"é\":1}");
        assertThat(record.key()).isEqualTo("{\"wsid\":\"725030:14732\",\"é\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(record.value()).isEqualTo(JSON.getBytes(StandardCharsets.UTF_8));
        Header[] headers = record.headers().toArray();
        assertThat(headers).extracting(Header::key).containsExactly("ringtap.id", "ringtap.op");
        assertThat(new String(headers[0].value(), StandardCharsets.UTF_8)).isEqualTo("9b2c0e6f1d4a4c1e8f0a7b3d5e6c2a91");
        assertThat(new String(headers[1].value(), StandardCharsets.UTF_8)).isEqualTo("cell_delete");
    }

    @Test
    void should_use_custom_template_when_configured() {
        // Given
        RecordMapper mapper = new RecordMapper(settings(Map.of(
                "forward.topic-prefix", "cdc", "forward.topic-template", "${prefix}-${table}-from-${keyspace}")));

        // When
        String topic = mapper.topic(EVENT);

        // Then
        assertThat(topic).isEqualTo("cdc-raw_data-from-weather");
    }
}
