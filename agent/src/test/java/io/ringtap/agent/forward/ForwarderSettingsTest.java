package io.ringtap.agent.forward;

import io.ringtap.agent.config.ConfigException;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
        ForwarderSettings s = TestSettings.of(config());

        // Then
        assertThat(s.topicTemplate()).isEqualTo("${prefix}.${keyspace}.${table}");
        assertThat(s.topicFor("shop", "orders")).isEqualTo("ringtap.shop.orders");
        assertThat(s.offsetsTopic()).isEqualTo("ringtap.offsets");
        assertThat(s.transactionalId("h1")).isEqualTo("ringtap-forward-h1");
        assertThat(s.kafka()).containsExactly(Map.entry("bootstrap.servers", "k1:9092"));
        assertThat(s.createTopics).isTrue();
        assertThat(s.topicPartitions).isEqualTo(-1);
        assertThat(s.topicReplicationFactor).isEqualTo((short) -1);
        assertThat(s.offsetsReplicationFactor).isEqualTo((short) -1);
        assertThat(s.batchMaxEntries).isEqualTo(5000);
        assertThat(s.batchMaxBytes).isEqualTo(8L << 20);
        assertThat(s.batchLingerMs).isEqualTo(5);
        assertThat(s.pollTimeoutMs).isEqualTo(200);
        assertThat(s.backoffInitialMs).isEqualTo(200);
        assertThat(s.backoffMaxMs).isEqualTo(30_000);
        assertThat(s.closeTimeoutMs).isEqualTo(5000);
        assertThat(s.offsetsReadTimeoutMs).isEqualTo(60_000);
    }

    @Test
    void should_pass_kafka_keys_and_force_exactly_once_settings_when_building_producer_config() {
        // Given
        Map<String, String> c = config();
        c.put("forward.topic-prefix", "cdc");
        c.put("kafka.compression.type", "zstd");
        c.put("kafka.security.protocol", "SASL_SSL");
        c.put("kafka.max.in.flight.requests.per.connection", "20");
        ForwarderSettings s = TestSettings.of(c);

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
        assertThat(s.topicFor("shop", "orders")).isEqualTo("cdc.shop.orders");
    }

    @Test
    void should_reject_producer_settings_the_forwarder_owns_when_set_under_kafka() {
        // Given
        Map<String, String> c = config();
        c.put("kafka.acks", "1");
        c.put("kafka.enable.idempotence", "false");
        c.put("kafka.transactional.id", "mine");

        // When
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(n -> null).fromMap(c));

        // Then
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("kafka.acks", "kafka.enable.idempotence", "kafka.transactional.id");
        assertThat(e.problems()).extracting(ConfigProblem::message).containsOnly("set by the forwarder, not configurable");
    }

    @Test
    void should_name_every_bad_key_when_invalid() {
        // Given
        Map<String, String> c = new HashMap<>();
        c.put("queue.directory", "/q");
        c.put("forward.batch-max-entries", "0");
        c.put("forward.create-topics", "yes");
        c.put("forward.topic-partitions", "0");
        c.put("forward.max-events-per-transaction", "10");

        // When
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(n -> null).fromMap(c));

        // Then
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "forward.batch-max-entries", "forward.create-topics", "forward.topic-partitions",
                "forward.max-events-per-transaction");
    }

    @Test
    void should_require_bootstrap_servers_when_forwarding_even_if_the_node_does_not() {
        // Given a node config that forwards from a separate process
        Map<String, String> c = new HashMap<>();
        c.put("queue.directory", "/q");
        c.put("forward.enabled", "false");

        // When / Then
        assertThatThrownBy(() -> TestSettings.of(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void should_reject_backoff_max_below_initial_when_both_set() {
        // Given
        Map<String, String> c = config();
        c.put("forward.backoff-initial-ms", "5000");
        c.put("forward.backoff-max-ms", "1000");

        // When
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(n -> null).fromMap(c));

        // Then
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(new ConfigProblem("forward.backoff-max-ms",
                "must be at least forward.backoff-initial-ms (5000), got 1000"));
    }
}
