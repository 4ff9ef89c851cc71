package io.ringtap.lab.triggers;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.TopicReader;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.FoldJson;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trigger capture on 3 nodes with running agents: every client write, sent through any of the three
 * coordinators, is queued exactly once cluster-wide, on its coordinator, with {@code source.capture =
 * "trigger"}, reaches Kafka exactly once ({@code read_committed}), and the fold of the events equals the table.
 */
class TriggerCaptureIT {
    private static final String KS = "lab_trig3";

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(3).agent(true).kafka(true).build();

    @Test
    void should_capture_each_write_once_on_its_coordinator_when_written_through_every_node() throws Exception {
        // Given: a table without cdc, RF 3, with the ringtap trigger
        CqlSession s1 = LAB.lab().session(1);
        s1.execute("CREATE KEYSPACE IF NOT EXISTS " + KS
                + " WITH replication = {'class':'SimpleStrategy','replication_factor':3}");
        s1.execute("CREATE TABLE IF NOT EXISTS " + KS + ".users (id int, day int, name text, tags set<text>, "
                + "PRIMARY KEY (id, day))");
        s1.execute("CREATE TRIGGER IF NOT EXISTS ringtap ON " + KS + ".users USING 'io.ringtap.triggers.RingtapTrigger'");

        // When: each node coordinates its share of inserts, updates and deletes
        int writes = 0;
        for (int n = 1; n <= 3; n++) {
            CqlSession s = LAB.lab().session(n);
            for (int i = 0; i < 10; i++) {
                int id = n * 100 + i;
                all(s, "INSERT INTO " + KS + ".users (id, day, name, tags) VALUES (" + id + ", 1, 'u" + id + "', {'a'})");
                all(s, "UPDATE " + KS + ".users SET tags = tags + {'b" + n + "'} WHERE id = " + (((n % 3) + 1) * 100 + i)
                        + " AND day = 1");
                writes += 2;
            }
            all(s, "DELETE FROM " + KS + ".users WHERE id = " + (n * 100 + 9));
            writes++;
        }

        // Then: each queue holds only trigger events of its own node, and no change twice cluster-wide
        List<JsonNode> events = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            CassandraNode node = LAB.lab().node(n);
            String hostId = LAB.lab().session(n)
                    .execute("SELECT host_id FROM system.local").one().getUuid("host_id").toString();
            List<JsonNode> mine = queued(node);
            assertThat(mine).isNotEmpty();
            for (JsonNode e : mine) {
                assertThat(e.path("source").path("capture").asText()).isEqualTo("trigger");
                assertThat(e.path("source").path("node").asText()).isEqualTo(hostId);
                assertThat(e.path("source").has("segment")).isFalse();
            }
            events.addAll(mine);
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode e : events) {
            assertThat(ids.add(e.path("id").asText())).as("event queued twice: %s", e).isTrue();
        }
        long namesSet = events.stream().filter(e -> "cell".equals(e.path("op").asText())
                && "name".equals(e.path("column").asText())).count();
        long partitionDeletes = events.stream().filter(e -> "partition_delete".equals(e.path("op").asText())).count();
        assertThat(namesSet).isEqualTo(30);
        assertThat(partitionDeletes).isEqualTo(3);
        assertThat(writes).isEqualTo(63);

        // and the fold of every queued event is the table
        RowComparison.Result r = FoldCheck.compare(s1, events, KS, List.of("users"), ConsistencyLevel.ALL);
        assertThat(r.matches()).as(r.diff()).isTrue();

        // and Kafka holds exactly the queued events, each once, keyed and labelled as the spec says
        List<TopicReader.Record> records = TopicReader.readAll(LAB.lab().kafkaBootstrap(),
                Pattern.compile("ringtap\\." + KS + "\\.users"), events.size(), Duration.ofSeconds(3), Duration.ofMinutes(3));
        Map<String, JsonNode> inKafka = new HashMap<>();
        for (TopicReader.Record rec : records) {
            JsonNode e = FoldJson.parseLines(rec.value).get(0);
            assertThat(inKafka.put(e.path("id").asText(), e)).as("event twice in Kafka: %s", rec.value).isNull();
            assertThat(rec.headers).containsEntry("ringtap.id", e.path("id").asText())
                    .containsEntry("ringtap.op", e.path("op").asText());
            assertThat(rec.key).isEqualTo(e.path("key").toString());
            assertThat(e.path("source").path("capture").asText()).isEqualTo("trigger");
        }
        assertThat(inKafka.keySet()).isEqualTo(ids);
        RowComparison.Result fromKafka = FoldCheck.compare(s1, new ArrayList<>(inKafka.values()), KS, List.of("users"),
                ConsistencyLevel.ALL);
        assertThat(fromKafka.matches()).as(fromKafka.diff()).isTrue();
    }

    private static void all(CqlSession s, String cql) {
        s.execute(SimpleStatement.newInstance(cql).setConsistencyLevel(ConsistencyLevel.ALL));
    }

    /** The node's queue, through the queue dump tool (one event JSON per line). */
    private static List<JsonNode> queued(CassandraNode node) throws IOException, InterruptedException {
        LabRuntime runtime = LAB.lab().runtime();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(runtime.cassandraJvmFlags());
        cmd.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
        cmd.add("-cp");
        cmd.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
        cmd.addAll(List.of("io.ringtap.agent.tool.Main", "queue", "dump", node.queueDir().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("queue dump of " + node.name()).isZero();
        return FoldJson.parseLines(out);
    }
}
