package io.ringtap.agent.forward;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwarderSettingsTest {

    private static Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("queue.directory", "/q");
        c.put("kafka.bootstrap.servers", "k1:9092");
        return c;
    }

    @Test
    void should_default_topics_and_transactional_id_when_only_bootstrap_set() {
        // Given / When
        ForwarderSettings s = ForwarderSettings.fromMap(config());

        // Then
        assertThat(s.topicTemplate).isEqualTo("${prefix}.${keyspace}.${table}");
        assertThat(s.offsetsTopic()).isEqualTo("ringtap.offsets");
        assertThat(s.transactionalId("h1")).isEqualTo("ringtap-forward-h1");
        assertThat(s.kafka()).containsExactly(Map.entry("bootstrap.servers", "k1:9092"));
        assertThat(s.createTopics).isTrue();
        assertThat(s.topicReplicationFactor).isEqualTo((short) -1);
    }

    @Test
    void should_pass_kafka_keys_and_force_exactly_once_settings_when_building_producer_config() {
        // Given
        Map<String, String> c = config();
        c.put("forward.topic-prefix", "cdc");
        c.put("kafka.compression.type", "zstd");
        c.put("kafka.security.protocol", "SASL_SSL");
        c.put("kafka.acks", "1");
        c.put("kafka.enable.idempotence", "false");
        c.put("kafka.max.in.flight.requests.per.connection", "20");
        ForwarderSettings s = ForwarderSettings.fromMap(c);

        // When
        Map<String, Object> producer = KafkaClients.producerConfig(s, "h1");
        Map<String, Object> consumer = KafkaClients.consumerConfig(s, "h1");

        // Then
        assertThat(producer).containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("compression.type", "zstd")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "262144")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.in.flight.requests.per.connection", "5")
                .containsEntry("transactional.id", "cdc-forward-h1");
        assertThat(consumer).containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKeys("compression.type", "acks", "group.id");
        assertThat(s.offsetsTopic()).isEqualTo("cdc.offsets");
    }

    @Test
    void should_name_every_bad_key_when_invalid() {
        // Given
        Map<String, String> c = new HashMap<>();
        c.put("forward.batch-max-entries", "0");
        c.put("forward.create-topics", "yes");

        // When / Then
        assertThatThrownBy(() -> ForwarderSettings.fromMap(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forward.batch-max-entries")
                .hasMessageContaining("forward.create-topics")
                .hasMessageContaining("kafka.bootstrap.servers");
    }
}
