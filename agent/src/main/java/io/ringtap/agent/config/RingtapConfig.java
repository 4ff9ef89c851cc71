package io.ringtap.agent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated configuration with typed getters. Made by {@link ConfigLoader}; immutable. Options with a
 * runtime-derived default (cdc_raw directory, quarantine directory) return {@link Optional#empty()} when
 * unset: the composition root derives them from the node.
 */
public final class RingtapConfig {
    private final Map<String, Object> values;
    private final Map<String, String> kafka;

    RingtapConfig(Map<String, Object> values, Map<String, String> kafka) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.kafka = Collections.unmodifiableMap(new LinkedHashMap<>(kafka));
    }

    /** The typed value of a declared option (its default when unset), or {@code null}. */
    public Object get(Option option) {
        if (!values.containsKey(option.key())) {
            throw new IllegalArgumentException("not a declared option: " + option.key());
        }
        return values.get(option.key());
    }

    /** {@code capture.enabled}. */
    public boolean captureEnabled() { return (Boolean) get(RingtapOptions.CAPTURE_ENABLED); }

    /** {@code capture.datacenters}: datacenters to capture in; empty means all. */
    @SuppressWarnings("unchecked")
    public List<String> captureDatacenters() { return (List<String>) get(RingtapOptions.CAPTURE_DATACENTERS); }

    /** {@code capture.read-ahead}. */
    public boolean captureReadAhead() { return (Boolean) get(RingtapOptions.CAPTURE_READ_AHEAD); }
    /** {@code capture.poll-interval-ms}. */
    public int capturePollIntervalMs() { return (Integer) get(RingtapOptions.CAPTURE_POLL_INTERVAL_MS); }
    /** {@code capture.cdc-raw-directory}; empty: use Cassandra's cdc_raw_directory. */
    public Optional<Path> cdcRawDirectory() { return path(RingtapOptions.CAPTURE_CDC_RAW_DIRECTORY); }
    /** {@code capture.retired-segments} is {@code archive} (rather than {@code delete}). */
    public boolean archiveRetiredSegments() { return "archive".equals(get(RingtapOptions.CAPTURE_RETIRED_SEGMENTS)); }
    /** {@code capture.archive-directory}; set (validated) whenever {@link #archiveRetiredSegments()} is true. */
    public Optional<Path> archiveDirectory() { return path(RingtapOptions.CAPTURE_ARCHIVE_DIRECTORY); }
    /** {@code capture.quarantine-directory}; empty: {@code ringtap-quarantine} next to the cdc_raw directory. */
    public Optional<Path> quarantineDirectory() { return path(RingtapOptions.CAPTURE_QUARANTINE_DIRECTORY); }

    /** {@code queue.directory}, absolute. */
    public Path queueDirectory() { return (Path) get(RingtapOptions.QUEUE_DIRECTORY); }
    /** {@code queue.max-bytes}, in bytes. */
    public long queueMaxBytes() { return (Long) get(RingtapOptions.QUEUE_MAX_BYTES); }
    /** {@code queue.roll-cycle}: a Chronicle Queue {@code RollCycles} constant name, e.g. {@code FAST_HOURLY}. */
    public String queueRollCycle() { return (String) get(RingtapOptions.QUEUE_ROLL_CYCLE); }
    /** {@code queue.retention-hours}. */
    public int queueRetentionHours() { return (Integer) get(RingtapOptions.QUEUE_RETENTION_HOURS); }

    /** {@code forward.enabled}. */
    public boolean forwardEnabled() { return (Boolean) get(RingtapOptions.FORWARD_ENABLED); }
    /** {@code forward.topic-prefix}. */
    public String topicPrefix() { return (String) get(RingtapOptions.FORWARD_TOPIC_PREFIX); }
    /** {@code forward.topic-template}, placeholders unexpanded (see {@link #topicFor}). */
    public String topicTemplate() { return (String) get(RingtapOptions.FORWARD_TOPIC_TEMPLATE); }

    /**
     * The topic of an event of {@code keyspace.table}: {@code forward.topic-template} with its placeholders
     * replaced. The one implementation of the template; the forwarder uses it through its settings.
     */
    public String topicFor(String keyspace, String table) {
        return topicTemplate().replace("${prefix}", topicPrefix()).replace("${keyspace}", keyspace).replace("${table}", table);
    }

    /** The producer's transactional.id on the node of {@code hostId}: {@code <forward.transactional-id-prefix>-<hostId>}. */
    public String transactionalId(String hostId) {
        Object prefix = get(RingtapOptions.FORWARD_TRANSACTIONAL_ID_PREFIX);
        return (prefix != null ? (String) prefix : topicPrefix() + "-forward") + "-" + hostId;
    }

    /** {@code forward.offsets-topic}, else {@code <forward.topic-prefix>.offsets}. */
    public String offsetsTopic() {
        Object v = get(RingtapOptions.FORWARD_OFFSETS_TOPIC);
        return v != null ? (String) v : topicPrefix() + ".offsets";
    }

    /** {@code forward.host-id}; empty: the node's own (in the node) or the queue's (separate process). */
    public Optional<String> forwardHostId() { return Optional.ofNullable((String) get(RingtapOptions.FORWARD_HOST_ID)).map(String::trim); }
    /** {@code forward.create-topics}. */
    public boolean createTopics() { return (Boolean) get(RingtapOptions.FORWARD_CREATE_TOPICS); }
    /** {@code forward.topic-partitions}; -1: the broker's default. */
    public int topicPartitions() { return (Integer) get(RingtapOptions.FORWARD_TOPIC_PARTITIONS); }
    /** {@code forward.topic-replication-factor}; -1: the broker's default. */
    public int topicReplicationFactor() { return (Integer) get(RingtapOptions.FORWARD_TOPIC_REPLICATION_FACTOR); }
    /** {@code forward.offsets-topic-replication-factor}; -1: the broker's default. */
    public int offsetsTopicReplicationFactor() { return (Integer) get(RingtapOptions.FORWARD_OFFSETS_TOPIC_REPLICATION_FACTOR); }
    /** {@code forward.batch-max-entries}. */
    public int batchMaxEntries() { return (Integer) get(RingtapOptions.FORWARD_BATCH_MAX_ENTRIES); }
    /** {@code forward.batch-max-bytes}, in bytes. */
    public long batchMaxBytes() { return (Long) get(RingtapOptions.FORWARD_BATCH_MAX_BYTES); }
    /** {@code forward.batch-linger-ms}. */
    public int batchLingerMs() { return (Integer) get(RingtapOptions.FORWARD_BATCH_LINGER_MS); }
    /** {@code forward.poll-timeout-ms}. */
    public int pollTimeoutMs() { return (Integer) get(RingtapOptions.FORWARD_POLL_TIMEOUT_MS); }
    /** {@code forward.backoff-initial-ms}. */
    public int backoffInitialMs() { return (Integer) get(RingtapOptions.FORWARD_BACKOFF_INITIAL_MS); }
    /** {@code forward.backoff-max-ms}. */
    public int backoffMaxMs() { return (Integer) get(RingtapOptions.FORWARD_BACKOFF_MAX_MS); }
    /** {@code forward.close-timeout-ms}. */
    public int closeTimeoutMs() { return (Integer) get(RingtapOptions.FORWARD_CLOSE_TIMEOUT_MS); }
    /** {@code forward.offsets-read-timeout-ms}. */
    public int offsetsReadTimeoutMs() { return (Integer) get(RingtapOptions.FORWARD_OFFSETS_READ_TIMEOUT_MS); }

    /** Every {@code kafka.*} setting without the prefix, values as strings: hand them to the producer as they are. */
    public Map<String, String> kafkaProperties() { return kafka; }

    /** {@code triggers.on-missing-agent}: {@code fail} or {@code skip-with-error}. */
    public String triggersOnMissingAgent() { return (String) get(RingtapOptions.TRIGGERS_ON_MISSING_AGENT); }

    /**
     * The effective configuration on one line, {@code key=value} in declaration order then the other
     * {@code kafka.*} keys, secrets masked: safe to log.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() == null && e.getKey().startsWith(RingtapOptions.KAFKA_PREFIX)) {
                continue;
            }
            append(sb, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            String key = RingtapOptions.KAFKA_PREFIX + e.getKey();
            if (!values.containsKey(key)) {
                append(sb, key, e.getValue());
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, Object value) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(key).append('=').append(value == null ? "(derived)" : Secrets.show(key, value));
    }

    private Optional<Path> path(Option o) {
        return Optional.ofNullable((Path) get(o));
    }

    @Override
    public String toString() {
        return describe();
    }
}
