package io.ringtap.lab.triggers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trigger on a real node whose agent does not run (its datacenter is not captured): both settings of
 * {@code triggers.on-missing-agent}, read from the agent's ringtap.yaml.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriggerIT {
    private static final String TRIGGER = "io.ringtap.triggers.RingtapTrigger";

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).agent(true).kafka(false)
            .tolerateAgentDisabled().build();

    /** Rewrites the node's ringtap.yaml so the agent stays idle, with {@code extra} lines, and restarts the node. */
    private static CqlSession idleAgent(String extra) throws IOException {
        CassandraNode node = LAB.lab().node(1);
        String yaml = Files.readString(node.agentConfig()).replaceAll("(?m)^(capture\\.datacenters|triggers\\.).*\\n", "");
        Files.writeString(node.agentConfig(), yaml + "capture.datacenters: [not-" + CassandraNode.DATACENTER + "]\n" + extra);
        node.restart();
        return LAB.lab().session(1);
    }

    private static void createTable(CqlSession s) {
        s.execute("CREATE KEYSPACE IF NOT EXISTS lab_trig WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS lab_trig.users (id int PRIMARY KEY, name text)");
        s.execute("CREATE TRIGGER IF NOT EXISTS ringtap ON lab_trig.users USING '" + TRIGGER + "'");
    }

    @Test
    @Order(1)
    void should_fail_write_saying_agent_not_running_when_agent_idle_and_setting_default() throws IOException {
        // Given: the agent loaded a config without triggers.on-missing-agent and idles
        CqlSession s = idleAgent("");
        createTable(s);

        // When / Then: the client gets an InvalidRequest naming the reason, and the row is not written
        assertThatThrownBy(() -> s.execute("INSERT INTO lab_trig.users (id, name) VALUES (1, 'Ann')"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("ringtap trigger refused the write to lab_trig.users")
                .hasMessageContaining("the ringtap agent is not running on this node");
        assertThat(s.execute("SELECT name FROM lab_trig.users WHERE id = 1").one()).isNull();
    }

    @Test
    @Order(2)
    void should_apply_write_uncaptured_with_error_when_agent_idle_and_setting_skips() throws IOException {
        // Given
        CqlSession s = idleAgent("triggers.on-missing-agent: skip-with-error\n");
        createTable(s);
        long logBefore = Files.size(LAB.lab().node(1).systemLog());

        // When
        s.execute("INSERT INTO lab_trig.users (id, name) VALUES (2, 'Bob')");

        // Then: the row is there, and system.log has the ERROR naming the table but not the value
        assertThat(s.execute("SELECT name FROM lab_trig.users WHERE id = 2").one().getString("name")).isEqualTo("Bob");
        String log = Files.readString(LAB.lab().node(1).systemLog()).substring((int) logBefore);
        assertThat(log).contains("ERROR").contains("ringtap trigger let a write to lab_trig.users through UNCAPTURED")
                .doesNotContain("Bob");
    }
}
