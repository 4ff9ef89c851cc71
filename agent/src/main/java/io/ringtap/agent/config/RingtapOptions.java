package io.ringtap.agent.config;

import io.ringtap.agent.config.Option.Importance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ringtap.agent.config.Option.define;
import static io.ringtap.agent.config.OptionType.BOOLEAN;
import static io.ringtap.agent.config.OptionType.ENUM;
import static io.ringtap.agent.config.OptionType.INT;
import static io.ringtap.agent.config.OptionType.LIST;
import static io.ringtap.agent.config.OptionType.PATH;
import static io.ringtap.agent.config.OptionType.SIZE;
import static io.ringtap.agent.config.OptionType.STRING;

/**
 * Every option of {@code ringtap.yaml}, declared once. Add an option here (and a getter in
 * {@link RingtapConfig}), then regenerate {@code conf/ringtap-reference.yaml} with {@link ReferenceFile}.
 */
public final class RingtapOptions {
    private RingtapOptions() {
    }

    /** Keys under this prefix are handed to the Kafka producer as they are, minus the prefix. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** Producer settings the forwarder owns: setting them under {@code kafka.*} is an error. */
    public static final Set<String> KAFKA_RESERVED = Set.of(
            "transactional.id", "enable.idempotence", "acks", "key.serializer", "value.serializer");

    // ---- capture

    public static final Option CAPTURE_ENABLED = define("capture.enabled", BOOLEAN).defaultValue(true)
            .importance(Importance.HIGH)
            .doc("Capture CDC mutations from cdc_raw into the local queue. false leaves the agent idle "
                    + "(the forwarder, if enabled, still drains what is already queued).")
            .build();

    public static final Option CAPTURE_DATACENTERS = define("capture.datacenters", LIST).defaultValue(List.of())
            .importance(Importance.HIGH)
            .doc("Datacenters whose nodes run the agent. Empty means every datacenter. On a node of another "
                    + "datacenter the agent logs it and stays idle, so one install can be rolled out everywhere.")
            .build();

    public static final Option CAPTURE_READ_AHEAD = define("capture.read-ahead", BOOLEAN).defaultValue(false)
            .doc("Also capture mutations written beyond the offset in <segment>_cdc.idx (Cassandra writes sync "
                    + "markers every ~100 ms but moves the idx only when it fsyncs, every commitlog_sync_period "
                    + "with periodic sync). Cuts latency from seconds to ~100 ms, at a cost: after a power loss "
                    + "(not a process crash) the queue may hold mutations the node itself lost.")
            .build();

    public static final Option CAPTURE_POLL_INTERVAL_MS = define("capture.poll-interval-ms", INT).defaultValue(50)
            .validator(Validator.between(10, 60_000))
            .doc("How often, in milliseconds, cdc_raw and the idx files are checked for new data when nothing "
                    + "signals it. Capture also wakes at once when an idx file is rewritten or a segment appears "
                    + "(inotify, where the file system supports it), so idx-following capture rarely waits for "
                    + "this interval; read-ahead does, because segment data is written through mmap, which raises "
                    + "no file events. Each poll lists cdc_raw and reads the idx files (with read-ahead, it also "
                    + "re-walks the active segment's sync markers).")
            .build();

    public static final Option CAPTURE_CDC_RAW_DIRECTORY = define("capture.cdc-raw-directory", PATH)
            .derivedDefault("Cassandra's cdc_raw_directory")
            .importance(Importance.LOW)
            .doc("The cdc_raw directory to follow. Leave unset to use the node's own.")
            .build();

    public static final Option CAPTURE_RETIRED_SEGMENTS = define("capture.retired-segments", ENUM)
            .choices("delete", "archive").defaultValue("delete")
            .doc("What happens to a segment (log + idx) once it is COMPLETED and all of it is queued: delete it, "
                    + "or move it to capture.archive-directory. Until then it stays in cdc_raw and counts "
                    + "against cdc_total_space.")
            .build();

    public static final Option CAPTURE_ARCHIVE_DIRECTORY = define("capture.archive-directory", PATH)
            .doc("Where retired segments go when capture.retired-segments is archive (required then). "
                    + "Nothing cleans it: that is the operator's job.")
            .build();

    public static final Option CAPTURE_QUARANTINE_DIRECTORY = define("capture.quarantine-directory", PATH)
            .derivedDefault("ringtap-quarantine next to the cdc_raw directory")
            .doc("Where corrupt or truncated segments are moved, so capture can go on with the next one.")
            .build();

    // ---- queue

    public static final Option QUEUE_DIRECTORY = define("queue.directory", PATH).required()
            .doc("Directory of the local durable queue (Chronicle Queue) between capture and forwarder. "
                    + "Must be on local disk and writable by Cassandra's user; one per node.")
            .build();

    public static final Option QUEUE_MAX_BYTES = define("queue.max-bytes", SIZE).defaultValue(1L << 30)
            .validator(Validator.atLeast(1L << 20))
            .doc("Capture pauses while the queue holds more than this many bytes not yet forwarded to Kafka "
                    + "(Kafka down or slow); cdc_raw then grows and Cassandra's own cdc_total_space "
                    + "back-pressure takes over. Nothing is dropped; capture resumes as soon as the forwarder "
                    + "commits. Forwarded files are deleted early (whatever queue.retention-hours) while the "
                    + "queue's files take more than this. A number of bytes, or with a unit: 512m, 4g.")
            .build();

    public static final Option QUEUE_ROLL_CYCLE = define("queue.roll-cycle", ENUM)
            .choices("MINUTELY", "FIVE_MINUTELY", "TEN_MINUTELY", "TWENTY_MINUTELY", "HALF_HOURLY",
                    "FAST_HOURLY", "TWO_HOURLY", "FOUR_HOURLY", "SIX_HOURLY", "FAST_DAILY")
            .defaultValue("FAST_HOURLY").importance(Importance.LOW)
            .doc("Chronicle Queue roll cycle: how often a new queue file starts. Only whole rolled files are "
                    + "deleted, so shorter cycles free disk sooner.")
            .build();

    public static final Option QUEUE_RETENTION_HOURS = define("queue.retention-hours", INT).defaultValue(24)
            .validator(Validator.atLeast(0))
            .doc("A rolled queue file is deleted once every event in it is forwarded and it is older than "
                    + "this many hours (kept a while for replay and diagnosis).")
            .build();

    // ---- forward

    public static final Option FORWARD_ENABLED = define("forward.enabled", BOOLEAN).defaultValue(true)
            .importance(Importance.HIGH)
            .doc("Run the Kafka forwarder inside the node. false when the forwarder runs as its own process "
                    + "(the jar's forward command) on the same queue, or to capture only.")
            .build();

    public static final Option FORWARD_TOPIC_PREFIX = define("forward.topic-prefix", STRING).defaultValue("ringtap")
            .validator(Validator.nonBlank())
            .doc("Prefix of the topics events go to (${prefix} in forward.topic-template).")
            .build();

    public static final Option FORWARD_TOPIC_TEMPLATE = define("forward.topic-template", STRING)
            .defaultValue("${prefix}.${keyspace}.${table}")
            .validator(Validator.template(List.of("prefix", "keyspace", "table"), List.of("keyspace", "table")))
            .doc("Topic of an event, from ${prefix}, ${keyspace} and ${table}. Record key: the partition key "
                    + "as JSON; value: the event JSON; headers ringtap.id and ringtap.op.")
            .build();

    public static final Option FORWARD_TRANSACTIONAL_ID_PREFIX = define("forward.transactional-id-prefix", STRING)
            .derivedDefault("<forward.topic-prefix>-forward").importance(Importance.LOW)
            .doc("The producer's transactional.id is <this>-<node host id>, so a restarted forwarder of the "
                    + "same node (in the node or as its own process) fences its predecessor. Change it only when "
                    + "two rings share a Kafka cluster, the same topic prefix, and could share host ids.")
            .build();

    public static final Option FORWARD_OFFSETS_TOPIC = define("forward.offsets-topic", STRING)
            .derivedDefault("<forward.topic-prefix>.offsets").importance(Importance.LOW)
            .doc("Compacted topic (one partition) where the forwarder commits its queue position, keyed by "
                    + "host id, in the same Kafka transaction as the events: on restart it resumes after the "
                    + "last committed entry.")
            .build();

    public static final Option FORWARD_HOST_ID = define("forward.host-id", STRING)
            .derivedDefault("the node's host id").validator(Validator.nonBlank()).importance(Importance.LOW)
            .doc("Only for the forwarder run as its own process (the jar's forward command): the host id of "
                    + "the node whose queue it reads (nodetool info). Unset, the process takes it from the "
                    + "queue's entries, which carry it. Ignored inside the node, which knows its own.")
            .build();

    public static final Option FORWARD_CREATE_TOPICS = define("forward.create-topics", BOOLEAN).defaultValue(true)
            .doc("Create each event topic on first use, and the offsets topic (compacted) at start, with the "
                    + "Admin client; existing topics are left alone. false: topics must exist (or the broker "
                    + "auto-creates event topics) and the offsets topic must be created compacted by hand.")
            .build();

    public static final Option FORWARD_TOPIC_PARTITIONS = define("forward.topic-partitions", INT).defaultValue(-1)
            .validator(Validator.brokerDefaultOr(1, 100_000)).importance(Importance.LOW)
            .doc("Partitions of the event topics the forwarder creates; -1: the broker's num.partitions.")
            .build();

    public static final Option FORWARD_TOPIC_REPLICATION_FACTOR = define("forward.topic-replication-factor", INT)
            .defaultValue(-1).validator(Validator.brokerDefaultOr(1, Short.MAX_VALUE)).importance(Importance.LOW)
            .doc("Replication factor of the event topics the forwarder creates; -1: the broker's "
                    + "default.replication.factor.")
            .build();

    public static final Option FORWARD_OFFSETS_TOPIC_REPLICATION_FACTOR =
            define("forward.offsets-topic-replication-factor", INT).defaultValue(-1)
            .validator(Validator.brokerDefaultOr(1, Short.MAX_VALUE)).importance(Importance.LOW)
            .doc("Replication factor of the offsets topic when the forwarder creates it; -1: the broker's "
                    + "default.replication.factor.")
            .build();

    public static final Option FORWARD_BATCH_MAX_ENTRIES = define("forward.batch-max-entries", INT).defaultValue(5_000)
            .validator(Validator.between(1, 1_000_000)).importance(Importance.LOW)
            .doc("Most queue entries (captured mutations) per Kafka transaction. A transaction always holds "
                    + "whole mutations, so it can hold more events than this.")
            .build();

    public static final Option FORWARD_BATCH_MAX_BYTES = define("forward.batch-max-bytes", SIZE).defaultValue("8m")
            .validator(Validator.between(1L << 10, 1L << 30)).importance(Importance.LOW)
            .doc("Most bytes (approximate, in memory) of events per Kafka transaction; the entry that crosses "
                    + "the bound is the transaction's last. A number of bytes, or with a unit: 512k, 8m.")
            .build();

    public static final Option FORWARD_BATCH_LINGER_MS = define("forward.batch-linger-ms", INT).defaultValue(5)
            .validator(Validator.between(0, 60_000)).importance(Importance.LOW)
            .doc("How long, in milliseconds, a transaction waits for more entries after its first before it "
                    + "is committed. Longer means fewer, bigger transactions and more latency.")
            .build();

    public static final Option FORWARD_POLL_TIMEOUT_MS = define("forward.poll-timeout-ms", INT).defaultValue(200)
            .validator(Validator.between(1, 60_000)).importance(Importance.LOW)
            .doc("Longest wait, in milliseconds, for a new queue entry before the forwarder samples its lag "
                    + "and checks for a stop request.")
            .build();

    public static final Option FORWARD_BACKOFF_INITIAL_MS = define("forward.backoff-initial-ms", INT).defaultValue(200)
            .validator(Validator.between(1, 3_600_000)).importance(Importance.LOW)
            .doc("First wait, in milliseconds, before reconnecting after a Kafka error; it doubles (with "
                    + "jitter) on every failed attempt up to forward.backoff-max-ms. Events wait in the queue.")
            .build();

    public static final Option FORWARD_BACKOFF_MAX_MS = define("forward.backoff-max-ms", INT).defaultValue(30_000)
            .validator(Validator.between(1, 3_600_000)).importance(Importance.LOW)
            .doc("Longest wait, in milliseconds, between attempts while Kafka is unavailable; at least "
                    + "forward.backoff-initial-ms.")
            .build();

    public static final Option FORWARD_CLOSE_TIMEOUT_MS = define("forward.close-timeout-ms", INT).defaultValue(5_000)
            .validator(Validator.between(0, 600_000)).importance(Importance.LOW)
            .doc("How long, in milliseconds, closing the producer (on stop or after an error) may wait for "
                    + "requests in flight.")
            .build();

    public static final Option FORWARD_OFFSETS_READ_TIMEOUT_MS = define("forward.offsets-read-timeout-ms", INT)
            .defaultValue(60_000).validator(Validator.between(1, 3_600_000)).importance(Importance.LOW)
            .doc("How long, in milliseconds, reading the committed position from the offsets topic (and "
                    + "creating it) may take on (re)connect before it counts as a Kafka error and is retried.")
            .build();

    // ---- kafka (documented pass-through keys; any other kafka.* key passes through too)

    public static final Option KAFKA_BOOTSTRAP_SERVERS = define("kafka.bootstrap.servers", LIST)
            .importance(Importance.HIGH)
            .doc("Kafka brokers: host:port, as a list or comma-separated. Required when forward.enabled is true. Every kafka.* key is "
                    + "handed to the producer without the prefix (TLS, SASL, compression, ...), except "
                    + String.join(", ", new java.util.TreeSet<>(KAFKA_RESERVED)) + ", which the forwarder sets.")
            .build();

    public static final Option KAFKA_SASL_JAAS_CONFIG = define("kafka.sasl.jaas.config", STRING).secret()
            .importance(Importance.LOW)
            .doc("Example of a secret producer setting: never logged. Like any value it can be "
                    + "${env:NAME} or ${file:/path}, read when the agent starts.")
            .build();

    // ---- triggers

    public static final Option TRIGGERS_ON_MISSING_AGENT = define("triggers.on-missing-agent", ENUM)
            .choices("fail", "skip-with-error").defaultValue("fail")
            .doc("What the ringtap trigger (docs/triggers.md) does with a write it cannot capture (agent not "
                    + "running, counter table, queue over queue.max-bytes, decode error): fail the write with a "
                    + "clear message, or let it through with a rate-limited ERROR and the metric "
                    + "TriggerWritesUncaptured. The JVM property -Dringtap.triggers.on-missing-agent overrides this "
                    + "key and is the only source when the agent or its config is missing.")
            .build();

    private static final Map<String, Option> ALL = index(
            CAPTURE_ENABLED, CAPTURE_DATACENTERS, CAPTURE_READ_AHEAD, CAPTURE_POLL_INTERVAL_MS,
            CAPTURE_CDC_RAW_DIRECTORY, CAPTURE_RETIRED_SEGMENTS, CAPTURE_ARCHIVE_DIRECTORY,
            CAPTURE_QUARANTINE_DIRECTORY,
            QUEUE_DIRECTORY, QUEUE_MAX_BYTES, QUEUE_ROLL_CYCLE, QUEUE_RETENTION_HOURS,
            FORWARD_ENABLED, FORWARD_TOPIC_PREFIX, FORWARD_TOPIC_TEMPLATE, FORWARD_TRANSACTIONAL_ID_PREFIX,
            FORWARD_OFFSETS_TOPIC, FORWARD_HOST_ID, FORWARD_CREATE_TOPICS, FORWARD_TOPIC_PARTITIONS,
            FORWARD_TOPIC_REPLICATION_FACTOR, FORWARD_OFFSETS_TOPIC_REPLICATION_FACTOR, FORWARD_BATCH_MAX_ENTRIES,
            FORWARD_BATCH_MAX_BYTES, FORWARD_BATCH_LINGER_MS, FORWARD_POLL_TIMEOUT_MS, FORWARD_BACKOFF_INITIAL_MS,
            FORWARD_BACKOFF_MAX_MS, FORWARD_CLOSE_TIMEOUT_MS, FORWARD_OFFSETS_READ_TIMEOUT_MS,
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_SASL_JAAS_CONFIG,
            TRIGGERS_ON_MISSING_AGENT);

    /** Every declared option, in declaration order. */
    public static List<Option> all() {
        return new ArrayList<>(ALL.values());
    }

    /** The declared option of {@code key}, or {@code null}. */
    public static Option find(String key) {
        return ALL.get(key);
    }

    /** Checks that need several options; returns the problems, each naming the key to change. */
    static List<ConfigProblem> crossCheck(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        if ("archive".equals(values.get(CAPTURE_RETIRED_SEGMENTS.key())) && values.get(CAPTURE_ARCHIVE_DIRECTORY.key()) == null) {
            problems.add(new ConfigProblem(CAPTURE_ARCHIVE_DIRECTORY.key(),
                    "required when capture.retired-segments is archive"));
        }
        Object brokers = values.get(KAFKA_BOOTSTRAP_SERVERS.key());
        if (Boolean.TRUE.equals(values.get(FORWARD_ENABLED.key())) && (brokers == null || ((List<?>) brokers).isEmpty())) {
            problems.add(new ConfigProblem(KAFKA_BOOTSTRAP_SERVERS.key(),
                    "required when forward.enabled is true (set forward.enabled: false to capture only)"));
        }
        Object initial = values.get(FORWARD_BACKOFF_INITIAL_MS.key());
        Object max = values.get(FORWARD_BACKOFF_MAX_MS.key());
        if (initial != null && max != null && (Integer) max < (Integer) initial) {
            problems.add(new ConfigProblem(FORWARD_BACKOFF_MAX_MS.key(),
                    "must be at least forward.backoff-initial-ms (" + initial + "), got " + max));
        }
        return problems;
    }

    private static Map<String, Option> index(Option... options) {
        Map<String, Option> m = new LinkedHashMap<>();
        for (Option o : options) {
            if (m.put(o.key(), o) != null) {
                throw new IllegalStateException("option declared twice: " + o.key());
            }
        }
        return m;
    }
}
