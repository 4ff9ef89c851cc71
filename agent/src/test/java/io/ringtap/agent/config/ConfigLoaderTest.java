package io.ringtap.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {
    private static final String MINIMAL = "queue.directory: /var/lib/ringtap/queue\nforward.enabled: false\n";

    private final ConfigLoader loader = new ConfigLoader(Map.of("KAFKA_PASSWORD", "s3cr3t", "BROKERS", "k1:9092,k2:9092")::get);

    private List<ConfigProblem> problemsOf(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems();
    }

    @Test
    void should_use_declared_defaults_when_only_required_options_are_set() throws ConfigException {
        // Given a config with only the required queue directory (and no Kafka)
        // When loading it
        RingtapConfig config = loader.parse(MINIMAL);

        // Then every other option has the default the common brief fixes
        assertThat(config.captureEnabled()).isTrue();
        assertThat(config.captureDatacenters()).isEmpty();
        assertThat(config.captureReadAhead()).isFalse();
        assertThat(config.capturePollIntervalMs()).isEqualTo(50);
        assertThat(config.cdcRawDirectory()).isEmpty();
        assertThat(config.archiveRetiredSegments()).isFalse();
        assertThat(config.quarantineDirectory()).isEmpty();
        assertThat(config.queueDirectory()).isEqualTo(Paths.get("/var/lib/ringtap/queue"));
        assertThat(config.queueMaxBytes()).isEqualTo(1L << 30);
        assertThat(config.queueRollCycle()).isEqualTo("FAST_HOURLY");
        assertThat(config.queueRetentionHours()).isEqualTo(24);
        assertThat(config.topicPrefix()).isEqualTo("ringtap");
        assertThat(config.topicTemplate()).isEqualTo("${prefix}.${keyspace}.${table}");
        assertThat(config.topicFor("shop", "orders")).isEqualTo("ringtap.shop.orders");
        assertThat(config.offsetsTopic()).isEqualTo("ringtap.offsets");
        assertThat(config.transactionalId("6f1c")).isEqualTo("ringtap-forward-6f1c");
        assertThat(config.triggersOnMissingAgent()).isEqualTo("fail");
        assertThat(config.kafkaProperties()).isEmpty();
    }

    @Test
    void should_reject_unknown_key_and_suggest_the_closest_when_a_key_is_misspelt() {
        // Given a misspelt key and a made-up one
        String yaml = MINIMAL + "capture.pol-interval-ms: 100\nbananas: 3\n";

        // When loading / Then both are named, the typo with a suggestion
        assertThat(problemsOf(yaml)).containsExactly(
                new ConfigProblem("capture.pol-interval-ms", "unknown option (did you mean capture.poll-interval-ms?)"),
                new ConfigProblem("bananas", "unknown option"));
    }

    @Test
    void should_report_the_key_when_a_value_has_the_wrong_type() {
        // Given a string where an int is expected
        // When loading / Then the problem names the key, the expected type and the value
        assertThat(problemsOf(MINIMAL + "capture.poll-interval-ms: fast\n"))
                .containsExactly(new ConfigProblem("capture.poll-interval-ms", "expected an int, got 'fast'"));
    }

    @Test
    void should_report_every_problem_together_when_several_options_are_wrong() {
        // Given a config with five different problems and no queue directory
        String yaml = "capture.enabled: maybe\n"
                + "capture.poll-interval-ms: 1\n"
                + "capture.retired-segments: shred\n"
                + "queue.directory: relative/dir\n"
                + "forward.topic-template: \"${prefix}.${table}.${owner}\"\n"
                + "unknown.key: 1\n";

        // When loading
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml));

        // Then all of them are reported at once, each naming its key, and the message lists them all
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(
                "capture.enabled", "capture.poll-interval-ms", "capture.retired-segments", "queue.directory",
                "forward.topic-template", "unknown.key");
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                "expected a boolean, got 'maybe'",
                "must be between 10 and 60000, got 1",
                "must be one of [delete, archive], got 'shred'",
                "expected an absolute path, got 'relative/dir'",
                "unknown placeholder ${owner} (allowed: ${prefix}, ${keyspace}, ${table})",
                "unknown option");
        assertThat(e.getMessage()).startsWith("6 configuration problems: capture.enabled: expected a boolean")
                .contains("; unknown.key: unknown option");
    }

    @Test
    void should_read_sizes_with_binary_units_and_refuse_other_text() throws ConfigException {
        assertThat(loader.parse(MINIMAL + "queue.max-bytes: 512m\n").queueMaxBytes()).isEqualTo(512L << 20);
        assertThat(loader.parse(MINIMAL + "queue.max-bytes: 4 GiB\n").queueMaxBytes()).isEqualTo(4L << 30);
        assertThat(loader.parse(MINIMAL + "queue.max-bytes: 1073741824\n").queueMaxBytes()).isEqualTo(1L << 30);
        assertThat(problemsOf(MINIMAL + "queue.max-bytes: 2 TB\n"))
                .containsExactly(new ConfigProblem("queue.max-bytes", "expected a size, got '2 TB'"));
        assertThat(problemsOf(MINIMAL + "queue.max-bytes: 512k\n"))
                .containsExactly(new ConfigProblem("queue.max-bytes", "must be at least 1048576, got 524288"));
    }

    @Test
    void should_require_queue_directory_when_it_is_missing() {
        assertThat(problemsOf("forward.enabled: false\n"))
                .containsExactly(new ConfigProblem("queue.directory", "required, not set"));
    }

    @Test
    void should_require_archive_directory_and_brokers_when_archiving_and_forwarding() {
        // Given archive mode without a folder and the forwarder on without brokers
        String yaml = "queue.directory: /q\ncapture.retired-segments: archive\n";

        // When loading / Then both cross-option problems name the key to set
        assertThat(problemsOf(yaml)).extracting(ConfigProblem::key)
                .containsExactly("capture.archive-directory", "kafka.bootstrap.servers");
    }

    @Test
    void should_resolve_env_and_file_references_when_values_use_them(@TempDir Path dir) throws Exception {
        // Given a secret in a file and brokers in the environment
        Path jaas = dir.resolve("jaas.conf");
        Files.write(jaas, "org.apache.kafka.common.security.scram.ScramLoginModule required;\n".getBytes(StandardCharsets.UTF_8));
        String yaml = "queue.directory: /q\n"
                + "kafka.bootstrap.servers: ${env:BROKERS}\n"
                + "kafka.sasl.jaas.config: ${file:" + jaas + "}\n"
                + "kafka.ssl.truststore.password: pre-${env:KAFKA_PASSWORD}-post\n"
                + "kafka.linger.ms: 5\n"
                + "kafka.compression.type: lz4\n";

        // When loading
        RingtapConfig config = loader.parse(yaml);

        // Then the producer gets the resolved values, without the prefix, as strings
        assertThat(config.kafkaProperties()).containsExactly(
                Map.entry("bootstrap.servers", "k1:9092,k2:9092"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("ssl.truststore.password", "pre-s3cr3t-post"),
                Map.entry("linger.ms", "5"),
                Map.entry("compression.type", "lz4"));
    }

    @Test
    void should_name_the_key_when_a_reference_cannot_be_resolved() {
        // Given a missing variable and a missing file
        String yaml = MINIMAL + "kafka.sasl.jaas.config: ${env:NOPE}\nkafka.ssl.key.password: ${file:/does/not/exist}\n";

        // When loading / Then each problem names its key and the missing thing, never a value
        assertThat(problemsOf(yaml)).containsExactly(
                new ConfigProblem("kafka.sasl.jaas.config", "environment variable NOPE is not set"),
                new ConfigProblem("kafka.ssl.key.password", "${file:/does/not/exist}: cannot read (NoSuchFileException)"));
    }

    @Test
    void should_mask_secrets_when_describing_the_effective_config() throws ConfigException {
        // Given secrets under declared, password and secret keys
        String yaml = "queue.directory: /q\n"
                + "kafka.bootstrap.servers: k1:9092\n"
                + "kafka.sasl.jaas.config: \"ScramLoginModule required username=u password=hunter2;\"\n"
                + "kafka.ssl.keystore.password: ${env:KAFKA_PASSWORD}\n"
                + "kafka.basic.auth.user.secret: topsecret\n"
                + "kafka.ssl.keystore.key: \"-----BEGIN PRIVATE KEY----- MIIEv\"\n";

        // When describing it for the log
        String described = loader.parse(yaml).describe();

        // Then no secret appears, the keys do, and the rest is shown
        assertThat(described).doesNotContain("hunter2", "s3cr3t", "topsecret", "PRIVATE KEY")
                .contains("kafka.sasl.jaas.config=******", "kafka.ssl.keystore.password=******",
                        "kafka.bootstrap.servers=[k1:9092]",
                        "kafka.basic.auth.user.secret=******", "kafka.ssl.keystore.key=******",
                        "queue.directory=/q", "capture.enabled=true", "forward.offsets-topic=(derived)");
    }

    @Test
    void should_not_echo_a_secret_when_its_value_is_invalid() {
        // Given a secret option given a map (wrong type)
        String yaml = MINIMAL + "kafka.sasl.jaas.config:\n  user: hunter2\n";

        // When loading / Then the problem names the key without the value
        List<ConfigProblem> problems = problemsOf(yaml);
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("kafka.sasl.jaas.config");
        assertThat(problems.get(0).message()).doesNotContain("hunter2");
    }

    @Test
    void should_reject_producer_settings_the_forwarder_owns() {
        assertThat(problemsOf(MINIMAL + "kafka.transactional.id: mine\n"))
                .containsExactly(new ConfigProblem("kafka.transactional.id", "set by the forwarder, not configurable"));
    }

    @Test
    void should_accept_nested_maps_and_comma_separated_lists_when_written_that_way() throws ConfigException {
        // Given nested groups and a comma-separated list
        String yaml = "queue:\n  directory: /q\n  max-bytes: 209715200\n"
                + "capture:\n  datacenters: analytics1, analytics2\n"
                + "kafka:\n  bootstrap.servers: [k1:9092, k2:9092]\n";

        // When loading
        RingtapConfig config = loader.parse(yaml);

        // Then it reads as the dotted keys
        assertThat(config.queueDirectory()).isEqualTo(Paths.get("/q"));
        assertThat(config.queueMaxBytes()).isEqualTo(200L << 20);
        assertThat(config.captureDatacenters()).containsExactly("analytics1", "analytics2");
        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "k1:9092,k2:9092");
    }

    @Test
    void should_report_the_file_when_it_does_not_exist_or_is_not_given(@TempDir Path dir) {
        ConfigException missing = catchThrowableOfType(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml")));
        assertThat(missing.problems()).extracting(ConfigProblem::key).containsExactly(ConfigProblem.FILE);
        assertThat(missing.problems().get(0).message()).endsWith("nope.yaml does not exist");

        ConfigException none = catchThrowableOfType(ConfigException.class, () -> loader.load(null));
        assertThat(none.problems().get(0).message()).startsWith("no config file given");
    }

    @Test
    void should_report_the_file_when_it_is_not_a_map_of_options() {
        assertThat(problemsOf("- a\n- b\n"))
                .containsExactly(new ConfigProblem(ConfigProblem.FILE, "expected a map of options at the top level"));
        assertThat(problemsOf("queue.directory: /q\nqueue.directory: /r\n").get(0).message()).startsWith("not valid YAML");
    }

    @Test
    void should_load_the_committed_starting_config() throws IOException, ConfigException {
        // Given conf/ringtap.yaml as shipped
        Path file = ReferenceFileTest.confFile("ringtap.yaml");

        // When loading it / Then it is valid and sets the queue and brokers
        RingtapConfig config = new ConfigLoader(name -> null).load(file);
        assertThat(config.queueDirectory()).isEqualTo(Paths.get("/var/lib/cassandra/ringtap/queue"));
        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "localhost:9092");
    }
}
