package io.ringtap.lab.capture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.Readiness;
import io.ringtap.lab.RingtapProbe;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.junit.LabExtension;
import io.ringtap.lab.workload.ExpectedEvent;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never harms the node or stops capture: a corrupt finished segment is quarantined with one ERROR and a
 * metric while capture goes on; a bad ringtap.yaml disables the agent with one ERROR naming every bad key, and the
 * node serves CQL. The corrupt-segment test runs first, on an empty queue, so the segment it plants (with an id
 * below every real one) is still ahead of capture's resume point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaptureBadInputIT {
    private static final String KS = "capit_bad";
    private static final Pattern SEGMENT_ID = Pattern.compile("CommitLog-\\d+-(\\d+)\\.log");

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(false).sync(SyncMode.GROUP)
            .tolerateAgentDisabled().build();

    @Test
    @Order(1)
    void should_quarantine_the_segment_and_keep_capturing_when_a_finished_segment_is_corrupt() throws Exception {
        // Given a capturing node with a cdc table and nothing queued yet
        Lab lab = LAB.lab();
        CassandraNode node = lab.node(1);
        CqlSession session = lab.session(1);
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + KS
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".t (id int PRIMARY KEY, v text) WITH cdc = true");
        long logStart = Files.size(node.systemLog());

        // When a finished segment with corrupt data appears in cdc_raw, older than every real segment
        long lowest = Stream.concat(segments(node.cdcRawDir()), segments(node.commitlogDir()))
                .mapToLong(CaptureBadInputIT::segmentId).min().orElseThrow();
        Path corrupt = plantCorruptSegment(node, lowest - 1000);
        String name = corrupt.getFileName().toString();
        String idxName = name.replace(".log", "_cdc.idx");

        // Then it is moved, with its idx, to ringtap-quarantine next to cdc_raw
        Path quarantine = node.cdcRawDir().resolveSibling("ringtap-quarantine");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(quarantine.resolve(name)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(quarantine.resolve(name)).exists();
        assertThat(quarantine.resolve(idxName)).exists();
        assertThat(node.cdcRawDir().resolve(name)).doesNotExist();
        assertThat(node.cdcRawDir().resolve(idxName)).doesNotExist();

        // And one ERROR names the file, and the metric counts it
        List<String> errors = logLinesSince(node.systemLog(), logStart).stream()
                .filter(l -> l.startsWith("ERROR") && l.contains(name)).toList();
        assertThat(errors).hasSize(1);
        System.out.println("quarantine ERROR: " + errors.get(0));
        assertThat(errors.get(0)).contains("quarantined");
        assertThat(((Number) new RingtapProbe(lab).metric(1, "SegmentsQuarantined")).longValue()).isEqualTo(1L);

        // And capture goes on: a later write reaches the queue
        session.execute("INSERT INTO " + KS + ".t (id, v) VALUES (1, 'after') USING TIMESTAMP 1763800000000001");
        ExpectedEvent cell = ExpectedEvent.of("cell", KS, "t").key("{'id':1}").column("v").value("'after'").type("text")
                .ts(1763800000000001L).build();
        List<JsonNode> events = QueueChecks.awaitEvents(lab, 1, evs -> evs.stream().anyMatch(cell::matches),
                Duration.ofSeconds(30));
        assertThat(events).anyMatch(cell::matches);
        assertThat(node.isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void should_disable_the_agent_naming_every_bad_key_and_keep_serving_when_the_config_is_bad() throws Exception {
        // Given a node whose ringtap.yaml gets an unknown key and a value of the wrong type
        Lab lab = LAB.lab();
        CassandraNode node = lab.node(1);
        node.stop();
        String good = Files.readString(node.agentConfig());
        Files.writeString(node.agentConfig(), good + "\ncapture.no-such-option: true\ncapture.poll-interval-ms: soon\n");
        long logStart = Files.size(node.systemLog());

        // When the node starts
        Readiness ready = node.start();

        // Then the agent reports itself disabled in one ERROR naming both keys
        assertThat(ready.agent()).isEqualTo(Readiness.Agent.DISABLED);
        List<String> disabled = logLinesSince(node.systemLog(), logStart).stream()
                .filter(l -> l.contains("ringtap agent disabled:")).toList();
        System.out.println("disabled line: " + (disabled.isEmpty() ? "none" : disabled.get(0)));
        assertThat(disabled).hasSize(1);
        assertThat(disabled.get(0)).startsWith("ERROR").contains("capture.no-such-option").contains("capture.poll-interval-ms");
        assertThat(((Number) new RingtapProbe(lab).metric(1, "AgentState")).intValue()).isEqualTo(2);
        assertThat(((Number) new RingtapProbe(lab).metric(1, "ConfigErrors")).intValue()).isEqualTo(2);

        // And the node serves CQL, writes included
        CqlSession session = lab.session(1);
        session.execute("INSERT INTO " + KS + ".t (id, v) VALUES (2, 'still up')");
        assertThat(session.execute("SELECT v FROM " + KS + ".t WHERE id = 2").one().getString(0)).isEqualTo("still up");
    }

    /** A corrupt copy of the newest commit-log segment that holds data (a preallocated one holds none). */
    private static Path plantCorruptSegment(CassandraNode node, long id) throws IOException {
        List<Path> logs = segments(node.commitlogDir()).sorted(Comparator.comparingLong(CaptureBadInputIT::segmentId).reversed()).toList();
        IllegalStateException last = null;
        for (Path log : logs) {
            try {
                return CorruptSegment.write(log, id, node.cdcRawDir());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no commit-log segment with data in " + node.commitlogDir(), last);
    }

    private static Stream<Path> segments(Path cdcRaw) throws IOException {
        try (Stream<Path> files = Files.list(cdcRaw)) {
            return files.filter(p -> SEGMENT_ID.matcher(p.getFileName().toString()).matches()).toList().stream();
        }
    }

    private static long segmentId(Path log) {
        Matcher m = SEGMENT_ID.matcher(log.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(log.toString());
        }
        return Long.parseLong(m.group(1));
    }

    private static List<String> logLinesSince(Path log, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) (f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
            return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
        }
    }
}
