package io.ringtap.lab.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `ringtap status` on a live lab node: its figures match what the test counts itself. */
class RingtapStatusIT {
    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).agent(true).kafka(true).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("CommitLog-\\d+-(\\d+)(\\.log|_cdc\\.idx)");
    private static final int ROWS = 40;

    @Test
    void should_report_pending_segments_queue_depth_and_zero_lag_when_the_forwarder_caught_up() throws Exception {
        // Given a cdc table with ROWS single-row inserts (one queue entry each), flushed
        CassandraNode node = LAB.lab().node(1);
        CqlSession s = LAB.lab().session(1);
        s.execute("CREATE KEYSPACE IF NOT EXISTS cli WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS cli.readings (station text, n int, temp double, PRIMARY KEY (station, n)) WITH cdc = true");
        for (int i = 0; i < ROWS; i++) {
            s.execute("INSERT INTO cli.readings (station, n, temp) VALUES (?, ?, ?)", "st-" + (i % 3), i, i / 4.0);
        }
        LAB.lab().nodetool().run(node, "flush", "cli");

        // When status is asked until the forwarder has committed everything queued
        JsonNode status = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            status = status(node);
            if (status.path("queue").path("entries").asLong() >= ROWS
                    && "ok".equals(status.path("forward").path("kafka").asText())
                    && status.path("forward").path("lag_entries").asLong(-1) == 0) {
                break;
            }
            Thread.sleep(1000);
        }

        // Then the queue holds exactly our entries, the forwarder is caught up, and cdc_raw matches its files
        assertThat(status).isNotNull();
        assertThat(status.path("queue").path("entries").asLong()).as(status.toString()).isEqualTo(ROWS);
        assertThat(status.path("forward").path("lag_entries").asLong()).as(status.toString()).isZero();
        assertThat(status.path("forward").path("lag_seconds").asLong()).isZero();
        assertThat(status.path("forward").path("committed_index").asLong()).isPositive();
        assertThat(status.path("queue").path("directory").asText()).isEqualTo(node.queueDir().toString());
        assertThat(status.path("queue").path("last_cdc_position").path("segment").asLong()).isPositive();
        assertThat(status.path("problems")).isEmpty();
        List<JsonNode> dumped = queueDump(node);
        Set<Integer> rows = new TreeSet<>();
        for (JsonNode e : dumped) {
            assertThat(e.path("table").asText()).isEqualTo("readings");
            rows.add(e.path("clustering").path("n").asInt());
        }
        assertThat(rows).hasSize(ROWS);
        long newestTs = 0;
        for (JsonNode e : dumped) {
            newestTs = Math.max(newestTs, e.path("ts").asLong());
        }
        assertThat(status.path("queue").path("newest_event_ts").asLong()).isEqualTo(newestTs);
        assertThat(status.path("cdc_raw").path("directory").asText()).isEqualTo(node.cdcRawDir().toString());
        // and the forwarded events read back through `kafka tail`, one record per queued event
        Result tail = tool("kafka", "tail", "--config", node.agentConfig().toString(), "--topic", "ringtap\\.cli\\..*",
                "--from-beginning");
        assertThat(tail.code).as(tail.err).isZero();
        long records = tail.out.lines().filter(l -> l.matches("ringtap\\.cli\\.readings-\\d+@\\d+  key=.*")).count();
        assertThat(records).as(tail.out).isEqualTo(dumped.size());
        assertThat(tail.out).contains("\"table\" : \"readings\"");
        // and the ops/ringtap launcher finds java, a Cassandra lib folder and the agent jar and gives the same figures
        Path lib = Files.createTempDirectory("ringtap-cassandra-lib");
        for (String jar : LAB.lab().runtime().cassandraClasspath().split(":")) {
            Files.createSymbolicLink(lib.resolve(Path.of(jar).getFileName()), Path.of(jar));
        }
        Process p = new ProcessBuilder(LAB.lab().runtime().repoRoot().resolve("ops/ringtap").toString(),
                "--cassandra-lib", lib.toString(), "--agent-jar", LAB.lab().runtime().agentJar().toString(),
                "status", "--config", node.agentConfig().toString(), "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode viaLauncher = JSON.readTree(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(viaLauncher.path("queue").path("entries").asLong()).isEqualTo(ROWS);
        assertThat(viaLauncher.path("forward").path("lag_entries").asLong()).isZero();
        // segments come and go (capture retires COMPLETED ones): compare with a count taken around the status call
        for (int attempt = 0; attempt < 5; attempt++) {
            Set<Long> before = segments(node.cdcRawDir());
            JsonNode again = status(node);
            Set<Long> after = segments(node.cdcRawDir());
            if (before.equals(after)) {
                assertThat(again.path("cdc_raw").path("segments").asInt()).as(again.toString()).isEqualTo(after.size());
                assertThat(again.path("cdc_raw").path("oldest_segment").asLong()).isEqualTo(after.iterator().next());
                return;
            }
        }
        throw new AssertionError("cdc_raw kept changing under the status calls");
    }

    private static Set<Long> segments(Path cdcRaw) throws IOException {
        Set<Long> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(cdcRaw)) {
            files.forEach(f -> {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    ids.add(Long.parseLong(m.group(1)));
                }
            });
        }
        return ids;
    }

    private static JsonNode status(CassandraNode node) throws Exception {
        Result r = tool("status", "--config", node.agentConfig().toString(), "--json", "--log", node.systemLog().toString());
        assertThat(r.code).as(r.err).isIn(0, 3);
        return JSON.readTree(r.out);
    }

    private static List<JsonNode> queueDump(CassandraNode node) throws Exception {
        Result r = tool("queue", "dump", node.queueDir().toString());
        assertThat(r.code).as(r.err).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static Result tool(String... args) throws Exception {
        LabRuntime runtime = LAB.lab().runtime();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(runtime.cassandraJvmFlags());
        cmd.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
        cmd.add("-cp");
        cmd.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
        cmd.add("io.ringtap.agent.tool.Main");
        cmd.addAll(List.of(args));
        Path errFile = Files.createTempFile("ringtap-cli", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    private static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }
}
