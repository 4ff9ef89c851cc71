package io.ringtap.agent.forward;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The forwarder's settings, read from the flat dotted keys of {@code ringtap.yaml} ({@code forward.*} and the
 * {@code kafka.*} pass-through). Plain values, so the forwarder depends on no config implementation: the
 * composition root (or {@link ForwarderProcess}) hands over the key/value map.
 *
 * <p>Keys (default): {@code forward.topic-prefix} (ringtap), {@code forward.topic-template}
 * (<code>${prefix}.${keyspace}.${table}</code>), {@code forward.offsets-topic} (<code>&lt;prefix&gt;.offsets</code>),
 * {@code forward.transactional-id-prefix} (<code>&lt;prefix&gt;-forward</code>), {@code forward.create-topics}
 * (true), {@code forward.topic-partitions} and {@code forward.topic-replication-factor} (-1: the broker's
 * defaults), {@code forward.offsets-topic-replication-factor} (-1: broker default), {@code forward.batch-max-entries}
 * (5000), {@code forward.batch-max-bytes} (8 MiB), {@code forward.batch-linger-ms} (5), {@code forward.poll-timeout-ms}
 * (200), {@code forward.backoff-initial-ms} (200), {@code forward.backoff-max-ms} (30000),
 * {@code forward.close-timeout-ms} (5000), {@code forward.offsets-read-timeout-ms} (60000), and every
 * {@code kafka.<client setting>}.
 */
public final class ForwarderSettings {
    public static final String KAFKA_PREFIX = "kafka.";

    final String topicPrefix;
    final String topicTemplate;
    final String offsetsTopic;
    final String transactionalIdPrefix;
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
    final Map<String, String> kafka;

    private ForwarderSettings(Map<String, String> c, List<String> problems) {
        topicPrefix = string(c, "forward.topic-prefix", "ringtap");
        topicTemplate = string(c, "forward.topic-template", "${prefix}.${keyspace}.${table}");
        offsetsTopic = string(c, "forward.offsets-topic", topicPrefix + ".offsets");
        transactionalIdPrefix = string(c, "forward.transactional-id-prefix", topicPrefix + "-forward");
        createTopics = bool(c, "forward.create-topics", true, problems);
        topicPartitions = (int) number(c, "forward.topic-partitions", -1, -1, Integer.MAX_VALUE, problems);
        topicReplicationFactor = (short) number(c, "forward.topic-replication-factor", -1, -1, Short.MAX_VALUE, problems);
        offsetsReplicationFactor = (short) number(c, "forward.offsets-topic-replication-factor", -1, -1, Short.MAX_VALUE, problems);
        batchMaxEntries = (int) number(c, "forward.batch-max-entries", 5000, 1, Integer.MAX_VALUE, problems);
        batchMaxBytes = number(c, "forward.batch-max-bytes", 8L << 20, 1, Long.MAX_VALUE, problems);
        batchLingerMs = number(c, "forward.batch-linger-ms", 5, 0, 60_000, problems);
        pollTimeoutMs = number(c, "forward.poll-timeout-ms", 200, 1, 60_000, problems);
        backoffInitialMs = number(c, "forward.backoff-initial-ms", 200, 1, 3_600_000, problems);
        backoffMaxMs = number(c, "forward.backoff-max-ms", 30_000, 1, 3_600_000, problems);
        closeTimeoutMs = number(c, "forward.close-timeout-ms", 5000, 0, 600_000, problems);
        offsetsReadTimeoutMs = number(c, "forward.offsets-read-timeout-ms", 60_000, 1, 3_600_000, problems);
        Map<String, String> k = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX) && e.getValue() != null) {
                k.put(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            }
        }
        kafka = Collections.unmodifiableMap(k);
        if (!kafka.containsKey("bootstrap.servers")) {
            problems.add("kafka.bootstrap.servers: required to forward");
        }
        if (!topicTemplate.contains("${table}")) {
            problems.add("forward.topic-template: must contain ${table}, got '" + topicTemplate + "'");
        }
    }

    /**
     * Reads the settings from flat dotted keys; keys of other components are ignored.
     *
     * @throws IllegalArgumentException naming every invalid key
     */
    public static ForwarderSettings fromMap(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        List<String> problems = new ArrayList<>();
        ForwarderSettings settings = new ForwarderSettings(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    /** The transactional id of the forwarder of node {@code hostId}: one per node, so a restart fences its predecessor. */
    public String transactionalId(String hostId) {
        return transactionalIdPrefix + "-" + hostId;
    }

    public String offsetsTopic() {
        return offsetsTopic;
    }

    /** The Kafka client settings ({@code kafka.*} with the prefix stripped). */
    public Map<String, String> kafka() {
        return kafka;
    }

    private static String string(Map<String, String> c, String key, String fallback) {
        String v = c.get(key);
        return v == null || v.trim().isEmpty() ? fallback : v.trim();
    }

    private static boolean bool(Map<String, String> c, String key, boolean fallback, List<String> problems) {
        String v = c.get(key);
        if (v == null || v.trim().isEmpty()) {
            return fallback;
        }
        if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.trim());
        }
        problems.add(key + ": expected true or false, got '" + v + "'");
        return fallback;
    }

    private static long number(Map<String, String> c, String key, long fallback, long min, long max, List<String> problems) {
        String v = c.get(key);
        if (v == null || v.trim().isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                problems.add(key + ": expected " + min + ".." + max + ", got " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + ": expected an integer, got '" + v + "'");
            return fallback;
        }
    }
}
