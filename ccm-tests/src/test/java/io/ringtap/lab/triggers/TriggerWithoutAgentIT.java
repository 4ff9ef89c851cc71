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
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trigger jar installed on a real node that runs without the ringtap agent (no {@code -javaagent}):
 * both settings of {@code triggers.on-missing-agent}, which then can only come from the JVM property
 * {@code -Dringtap.triggers.on-missing-agent}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriggerWithoutAgentIT {
    private static final String TRIGGER = "io.ringtap.triggers.RingtapTrigger";

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).agent(false).kafka(false).build();

    @Test
    @Order(1)
    void should_fail_write_saying_agent_not_installed_when_trigger_jar_present_without_agent() throws IOException {
        // Given: the trigger jar copied into the triggers folder of a node without the agent, then loaded
        CassandraNode node = LAB.lab().node(1);
        Files.copy(LAB.lab().runtime().triggersJar(), node.triggersDir().resolve("ringtap-triggers.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        LAB.lab().nodetool().run(node, "reloadtriggers");
        CqlSession s = LAB.lab().session(1);
        s.execute("CREATE KEYSPACE IF NOT EXISTS lab_noagent WITH replication = "
                + "{'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS lab_noagent.users (id int PRIMARY KEY, name text)");
        s.execute("CREATE TRIGGER IF NOT EXISTS ringtap ON lab_noagent.users USING '" + TRIGGER + "'");

        // When / Then: the default refuses the write with a message naming the cause; nothing is written
        assertThatThrownBy(() -> s.execute("INSERT INTO lab_noagent.users (id, name) VALUES (1, 'Ann')"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("ringtap trigger refused the write to lab_noagent.users")
                .hasMessageContaining("the ringtap agent is not installed in this JVM");
        assertThat(s.execute("SELECT name FROM lab_noagent.users WHERE id = 1").one()).isNull();
    }

    @Test
    @Order(2)
    void should_apply_write_uncaptured_with_error_when_jvm_property_skips_without_agent() throws IOException {
        // Given: the same node restarted with -Dringtap.triggers.on-missing-agent=skip-with-error
        CassandraNode node = LAB.lab().node(1);
        Files.writeString(node.extraJvmOptionsFile(), "-Dringtap.triggers.on-missing-agent=skip-with-error\n");
        node.restart();
        CqlSession s = LAB.lab().session(1);
        long logBefore = Files.size(node.systemLog());

        // When
        s.execute("INSERT INTO lab_noagent.users (id, name) VALUES (2, 'Bob')");

        // Then: the row is there, and system.log has the ERROR naming the table and cause but not the value
        assertThat(s.execute("SELECT name FROM lab_noagent.users WHERE id = 2").one().getString("name"))
                .isEqualTo("Bob");
        String log = Files.readString(node.systemLog()).substring((int) logBefore);
        assertThat(log).contains("ERROR")
                .contains("ringtap trigger let a write to lab_noagent.users through UNCAPTURED")
                .contains("the ringtap agent is not installed in this JVM")
                .doesNotContain("Bob");
    }
}
