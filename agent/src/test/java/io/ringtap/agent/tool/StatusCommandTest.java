package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueFixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path cdcRaw;
    private Path queueDir;
    private Path yaml;

    @BeforeEach
    void node() throws Exception {
        cdcRaw = Files.createDirectories(dir.resolve("cdc_raw"));
        queueDir = dir.resolve("ringtap/queue");
        yaml = dir.resolve("ringtap.yaml");
        Files.writeString(yaml, "queue.directory: " + queueDir + "\n"
                + "capture.cdc-raw-directory: " + cdcRaw + "\n"
                + "kafka.bootstrap.servers: localhost:1\n");
    }

    private int run(StatusCommand command, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Clock.fixed(NOW, ZoneOffset.UTC));
        return new picocli.CommandLine(command).execute(args);
    }

    private StatusCommand command() {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Clock.fixed(NOW, ZoneOffset.UTC));
        return new StatusCommand(console, new ConfigLoader());
    }

    private void segment(long id, int bytes, String idx, Instant written) throws Exception {
        Path log = cdcRaw.resolve("CommitLog-7-" + id + ".log");
        Files.write(log, new byte[bytes]);
        Files.setLastModifiedTime(log, FileTime.from(written));
        Files.writeString(cdcRaw.resolve("CommitLog-7-" + id + "_cdc.idx"), idx);
    }

    @Test
    void should_report_pending_segments_and_queue_figures_when_kafka_is_skipped() throws Exception {
        // Given two pending segments, the older COMPLETED, and a queue of two entries
        segment(100, 1000, "1000\nCOMPLETED", NOW.minusSeconds(90));
        segment(101, 500, "300", NOW.minusSeconds(5));
        EavEvent a = QueueFixtures.event("000000000000000000000000000000a1", "x", 1);
        EavEvent b = QueueFixtures.event("000000000000000000000000000000b2", "y", 2);
        long bytes;
        try (EventQueue queue = EventQueue.open(queueDir, null, 0)) {
            queue.append(QueueFixtures.cdc(100, 640, a));
            queue.append(QueueFixtures.cdc(101, 200, b));
            bytes = queue.bytes();
        }

        // When
        int code = run(command(), "--config", yaml.toString(), "--no-kafka", "--json");

        // Then every figure is what the files hold; ts 1002 µs is NOW - 1795413600 s
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"config\":\"" + yaml + "\",\"time\":\"2026-11-23T05:00:00Z\","
                + "\"cdc_raw\":{\"directory\":\"" + cdcRaw + "\",\"segments\":2,\"bytes\":1500,\"completed\":1,"
                + "\"oldest_segment_age_seconds\":90,\"oldest_segment\":100},"
                + "\"quarantine\":{\"directory\":\"" + dir.resolve("ringtap-quarantine") + "\",\"files\":[]},"
                + "\"queue\":{\"directory\":\"" + queueDir + "\",\"bytes\":" + bytes + ",\"entries\":2,"
                + "\"last_cdc_position\":{\"segment\":101,\"position\":200},\"newest_event_ts\":1002,"
                + "\"capture_lag_seconds\":" + NOW.getEpochSecond() + "},"
                + "\"forward\":{\"host_id\":\"host-1\",\"offsets_topic\":\"ringtap.offsets\",\"kafka\":\"skipped\","
                + "\"committed_index\":null,\"lag_entries\":null,\"lag_seconds\":null},"
                + "\"last_error\":null,\"problems\":[]}\n");
    }

    @Test
    void should_report_forward_lag_from_the_committed_position_when_kafka_answers() throws Exception {
        // Given a queue of three entries of which the first is committed in the offsets topic
        segment(100, 1000, "1000", NOW.minusSeconds(1));
        long first;
        try (EventQueue queue = EventQueue.open(queueDir, null, 0)) {
            first = queue.append(QueueFixtures.cdc(100, 10, QueueFixtures.event("000000000000000000000000000000a1", "x", 1)));
            queue.append(QueueFixtures.cdc(100, 20, QueueFixtures.event("000000000000000000000000000000b2", "y", 2)));
            queue.append(QueueFixtures.cdc(100, 30, QueueFixtures.event("000000000000000000000000000000c3", "z", 3)));
        }
        StatusCommand command = command();
        String topic = "ringtap.offsets";
        TopicPartition tp = new TopicPartition(topic, 0);
        MockConsumer<byte[], byte[]> kafka = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        kafka.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), new Node[0], new Node[0])));
        kafka.updateBeginningOffsets(Map.of(tp, 0L));
        kafka.updateEndOffsets(Map.of(tp, 1L));
        kafka.schedulePollTask(() -> kafka.addRecord(new ConsumerRecord<>(topic, 0, 0L, "host-1".getBytes(StandardCharsets.UTF_8),
                ("{\"v\":1,\"node\":\"host-1\",\"index\":" + first + "}").getBytes(StandardCharsets.UTF_8))));
        command.consumers = settings -> {
            assertThat(settings).containsEntry("isolation.level", "read_committed").containsEntry("bootstrap.servers", List.of("localhost:1").toString().replaceAll("[\\[\\]]", ""));
            return kafka;
        };

        // When
        int code = run(command, "--config", yaml.toString(), "--json");

        // Then two entries wait; the oldest of them has ts 1002 µs
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"forward\":{\"host_id\":\"host-1\",\"offsets_topic\":\"ringtap.offsets\","
                + "\"kafka\":\"ok\",\"committed_index\":" + first + ",\"lag_entries\":2,\"lag_seconds\":" + NOW.getEpochSecond() + "}");
    }

    @Test
    void should_exit_3_and_name_the_problems_when_quarantine_holds_a_segment_and_the_log_an_error() throws Exception {
        // Given a quarantined segment, no queue yet, and a ringtap ERROR in system.log
        Path quarantine = Files.createDirectories(dir.resolve("ringtap-quarantine"));
        Files.writeString(quarantine.resolve("CommitLog-7-99.log"), "x");
        Path log = dir.resolve("system.log");
        Files.writeString(log, "INFO  [main] 2026-11-23 04:00:00,000 Foo.java:1 - hello\n"
                + "ERROR [ringtap-capture] 2026-11-23 04:59:00,000 CommitLogFollower.java:88 - segment 99 corrupt\n"
                + "ERROR [CompactionExecutor:1] 2026-11-23 04:59:30,000 Compaction.java:1 - not ours\n");

        // When
        int code = run(command(), "--config", yaml.toString(), "--no-kafka", "--log", log.toString());

        // Then the table lists the three problems
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(3);
        assertThat(text).contains("  files                        1: CommitLog-7-99.log\n")
                .contains("last_error  ERROR [ringtap-capture] 2026-11-23 04:59:00,000 CommitLogFollower.java:88 - segment 99 corrupt\n")
                .endsWith("PROBLEMS (3):\n"
                        + "  - 1 file(s) in quarantine " + quarantine + ": see ops/runbooks/quarantined-segment.md\n"
                        + "  - no queue in " + queueDir + " (queue.directory): has the agent captured anything yet?\n"
                        + "  - system.log has a ringtap ERROR (last_error)\n");
    }
}
