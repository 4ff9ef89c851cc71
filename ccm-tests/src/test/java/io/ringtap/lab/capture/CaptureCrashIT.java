package io.ringtap.lab.capture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.Readiness;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import io.ringtap.lab.workload.ExpectedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a capturing node at random moments under a steady write load: afterwards the queue holds every
 * acknowledged change, each commit-log entry once, in per-key order, folding back into the table; and once the
 * node drains, no finished segment is left in cdc_raw.
 */
class CaptureCrashIT {
    private static final String KS = "capit_crash";
    private static final int KILLS = 5;
    private static final Pattern SEGMENT_FILE = Pattern.compile("CommitLog-\\d+-(\\d+)(\\.log|_cdc\\.idx)");

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).kafka(false).sync(SyncMode.GROUP).build();

    @Test
    void should_queue_every_acknowledged_change_exactly_once_and_drain_cdc_raw_when_the_node_is_killed_under_load()
            throws Exception {
        // Given a cdc table and a writer changing it a few times a second
        Lab lab = LAB.lab();
        CassandraNode node = lab.node(1);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        CqlSession setup = lab.session(1);
        setup.execute("CREATE KEYSPACE IF NOT EXISTS " + KS
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        CrashWriter writer = new CrashWriter(lab, KS, System.currentTimeMillis() * 1000, seed);
        setup.execute(writer.createTable());
        Thread writerThread = new Thread(writer, "capit-crash-writer");
        writerThread.setDaemon(true);
        writerThread.start();

        // When the node is killed -9 at random moments, each time restarted on its data
        for (int i = 0; i < KILLS; i++) {
            Thread.sleep(1500 + random.nextInt(3500));
            node.kill();
            Readiness ready = node.start();
            assertThat(ready.agent()).as("agent after restart %d (seed %d)", i + 1, seed).isEqualTo(Readiness.Agent.READY);
        }
        Thread.sleep(2000);
        writer.stop();
        writerThread.join(200_000);
        assertThat(writer.failure()).as("writer failure").isNull();
        List<CrashWriter.Written> written = writer.written();
        List<ExpectedEvent> expected = new ArrayList<>();
        written.forEach(w -> expected.addAll(w.expected()));

        System.out.printf("crash IT (seed %d): %d statements acknowledged, %d after retries, %d kills%n", seed, written.size(),
                written.stream().filter(CrashWriter.Written::retried).count(), KILLS);

        // Then the queue holds every acknowledged change, with its content, and nothing else of the table
        List<JsonNode> all = QueueChecks.awaitEvents(lab, 1, evs -> ExpectedEvent.unmatched(expected, evs).isEmpty(),
                Duration.ofSeconds(120));
        List<JsonNode> events = QueueChecks.ofKeyspaces(all, Set.of(KS));
        assertThat(written).as("acknowledged statements (seed %d)", seed).hasSizeGreaterThan(40);
        assertThat(ExpectedEvent.unmatched(expected, events)).as("acknowledged changes missing (seed %d)", seed).isEmpty();
        assertThat(ExpectedEvent.unexpected(expected, events)).as("events no statement produced").isEmpty();

        // And each commit-log entry is queued once: equal ids only for a retried statement, from distinct entries
        System.out.printf("crash IT: %d events queued for %s, %d ids queued more than once%n", events.size(), KS,
                QueueChecks.repeatedIds(events).size());
        assertThat(QueueChecks.duplicatedEntries(all)).as("commit-log entries queued twice").isEmpty();
        for (Map.Entry<String, List<JsonNode>> repeated : QueueChecks.repeatedIds(events).entrySet()) {
            JsonNode first = repeated.getValue().get(0);
            assertThat(written.stream().filter(w -> w.produced(first)).allMatch(CrashWriter.Written::retried))
                    .as("id %s repeated although its statement was acknowledged at once: %s", repeated.getKey(), repeated.getValue())
                    .isTrue();
        }
        assertThat(QueueChecks.orderViolations(all)).as("per-key (segment, position) order").isEmpty();
        String hostId = lab.session(1).execute("SELECT host_id FROM system.local").one().getUuid(0).toString();
        assertThat(QueueChecks.badSources(all, hostId, CassandraNode.DATACENTER)).as("events with a wrong source").isEmpty();

        // And the fold of the queued events equals the table
        RowComparison.Result fold = FoldCheck.compare(lab.session(1), events, KS, List.of("items"), null);
        assertThat(fold.matches()).as(fold.diff()).isTrue();

        // When the node drains, so every segment is finished
        System.out.println("crash IT: cdc_raw before drain: " + listing(node.cdcRawDir()));
        lab.nodetool().run(node, "drain");

        // Then the agent retires every finished segment: cdc_raw keeps no COMPLETED one
        List<String> completed = awaitNoCompleted(node.cdcRawDir(), Duration.ofSeconds(60));
        System.out.println("crash IT: cdc_raw after drain: " + listing(node.cdcRawDir()));
        assertThat(completed).as("COMPLETED segments left in cdc_raw after drain").isEmpty();

        // When the drained node restarts gracefully and takes one more write
        long lastIdBeforeRestart = maxSegmentId(node.cdcRawDir());
        node.stop();
        assertThat(node.start().agent()).isEqualTo(Readiness.Agent.READY);
        long ts = System.currentTimeMillis() * 1000 + 1_000_000_000L;
        String after = "INSERT INTO " + KS + ".items (k, c, v, n) VALUES (99, 99, 'after', 99) USING TIMESTAMP " + ts;
        lab.session(1).execute(after);
        ExpectedEvent afterCell = ExpectedEvent.of("cell", KS, "items").key("{'k':99}").clustering("{'c':99}").column("v")
                .value("'after'").type("text").ts(ts).build();

        // Then capture goes on where it stopped (the new change once, nothing queued twice)
        List<JsonNode> finalEvents = QueueChecks.awaitEvents(lab, 1, evs -> evs.stream().anyMatch(afterCell::matches),
                Duration.ofSeconds(60));
        assertThat(finalEvents.stream().filter(afterCell::matches)).hasSize(1);
        assertThat(finalEvents).hasSize(all.size() + 3);
        assertThat(QueueChecks.duplicatedEntries(finalEvents)).isEmpty();

        // And no segment from before the restart is left in cdc_raw
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (minSegmentId(node.cdcRawDir()) <= lastIdBeforeRestart && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        System.out.println("crash IT: cdc_raw after restart: " + listing(node.cdcRawDir()));
        assertThat(minSegmentId(node.cdcRawDir())).as("segments of before the restart left in cdc_raw: %s", listing(node.cdcRawDir()))
                .isGreaterThan(lastIdBeforeRestart);
    }

    private static long maxSegmentId(Path cdcRaw) throws IOException {
        return segmentIds(cdcRaw).stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static long minSegmentId(Path cdcRaw) throws IOException {
        return segmentIds(cdcRaw).stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private static List<Long> segmentIds(Path cdcRaw) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(cdcRaw)) {
            for (Path p : files.toList()) {
                Matcher m = SEGMENT_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    ids.add(Long.parseLong(m.group(1)));
                }
            }
        }
        return ids;
    }

    private static List<String> awaitNoCompleted(Path cdcRaw, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> completed = completedSegments(cdcRaw);
        while (!completed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            completed = completedSegments(cdcRaw);
        }
        return completed;
    }

    private static String listing(Path cdcRaw) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(cdcRaw)) {
            for (Path p : files.sorted().toList()) {
                sb.append(p.getFileName());
                if (p.toString().endsWith(".idx")) {
                    sb.append('=').append(Files.readString(p).replace('\n', ' '));
                }
                sb.append("; ");
            }
        }
        return sb.toString();
    }

    private static List<String> completedSegments(Path cdcRaw) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(cdcRaw)) {
            for (Path idx : files.filter(p -> p.getFileName().toString().endsWith("_cdc.idx")).toList()) {
                try {
                    if (new String(Files.readAllBytes(idx), StandardCharsets.US_ASCII).contains("COMPLETED")) {
                        out.add(idx.getFileName().toString());
                    }
                } catch (NoSuchFileException e) {
                    // retired meanwhile
                }
            }
        }
        return out;
    }
}
