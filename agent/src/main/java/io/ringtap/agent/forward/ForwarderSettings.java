package io.ringtap.agent.forward;

import io.ringtap.agent.config.RingtapConfig;

import java.util.Map;
import java.util.Objects;

/**
 * The forwarder's settings, taken from the validated {@link RingtapConfig}: the {@code forward.*} options
 * (declared, documented and validated once, in {@code RingtapOptions}) and the {@code kafka.*}
 * pass-through (prefix stripped, reserved keys already rejected by the config loader). Topic names,
 * offsets topic and transactional id come from the config's own derivations, so there is one
 * implementation of each.
 */
public final class ForwarderSettings {
    private final RingtapConfig config;

    final boolean createTopics;
    final int topicPartitions;
    final short topicReplicationFactor;
    final short offsetsReplicationFactor;
    final int batchMaxEntries;
    final long batchMaxBytes;
    final long batchLingerMs;
    final long pollTimeoutMs;
    final long backoffInitialMs;
    final long backoffMaxMs;
    final long closeTimeoutMs;
    final long offsetsReadTimeoutMs;
    final String offsetsTopic;

    private ForwarderSettings(RingtapConfig config) {
        this.config = config;
        createTopics = config.createTopics();
        topicPartitions = config.topicPartitions();
        topicReplicationFactor = (short) config.topicReplicationFactor();
        offsetsReplicationFactor = (short) config.offsetsTopicReplicationFactor();
        batchMaxEntries = config.batchMaxEntries();
        batchMaxBytes = config.batchMaxBytes();
        batchLingerMs = config.batchLingerMs();
        pollTimeoutMs = config.pollTimeoutMs();
        backoffInitialMs = config.backoffInitialMs();
        backoffMaxMs = config.backoffMaxMs();
        closeTimeoutMs = config.closeTimeoutMs();
        offsetsReadTimeoutMs = config.offsetsReadTimeoutMs();
        offsetsTopic = config.offsetsTopic();
    }

    /**
     * The settings of {@code config}.
     *
     * @throws IllegalArgumentException when {@code kafka.bootstrap.servers} is not set (the config requires it
     *                                  only with {@code forward.enabled}; a separate forwarder process needs it too)
     */
    public static ForwarderSettings from(RingtapConfig config) {
        Objects.requireNonNull(config, "config");
        if (!config.kafkaProperties().containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("kafka.bootstrap.servers: required to forward");
        }
        return new ForwarderSettings(config);
    }

    /** The transactional id of the forwarder of node {@code hostId}: one per node, so a restart fences its predecessor. */
    public String transactionalId(String hostId) {
        return config.transactionalId(hostId);
    }

    /** The topic of the events of {@code keyspace.table} ({@code forward.topic-template}). */
    public String topicFor(String keyspace, String table) {
        return config.topicFor(keyspace, table);
    }

    /** {@code forward.topic-template}, placeholders unexpanded (for logs). */
    public String topicTemplate() {
        return config.topicTemplate();
    }

    public String offsetsTopic() {
        return offsetsTopic;
    }

    /** The Kafka client settings ({@code kafka.*} with the prefix stripped). */
    public Map<String, String> kafka() {
        return config.kafkaProperties();
    }

    /** {@code forward.close-timeout-ms}. */
    public long closeTimeoutMs() {
        return closeTimeoutMs;
    }

    /** {@code forward.poll-timeout-ms}. */
    public long pollTimeoutMs() {
        return pollTimeoutMs;
    }
}
