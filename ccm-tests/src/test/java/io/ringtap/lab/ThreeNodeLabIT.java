package io.ringtap.lab;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Three nodes on 127.0.0.1..3 with the agent installed: replication at ALL, and a node surviving kill -9 with its data. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeLabIT {
    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(3).agent(true).kafka(false).build();

    @BeforeAll
    static void keyspace(Lab lab) {
        lab.session(1).execute(SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS lab_rf3 WITH replication = {'class':'NetworkTopologyStrategy','dc1':3}"));
        lab.session(1).execute(SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS lab_rf3.kv (k text PRIMARY KEY, v text) WITH cdc = true"));
        lab.awaitRing();
    }

    @Test
    @Order(1)
    void should_listen_on_its_own_address_when_each_node_is_asked() {
        for (int n = 1; n <= 3; n++) {
            // Given node n's own session, When it describes itself, Then it is <net>.n (127.0.0.n by default) in dc1
            Row row = LAB.lab().session(n).execute("SELECT listen_address, data_center FROM system.local").one();
            assertThat(row.getInetAddress("listen_address").getHostAddress()).isEqualTo(LAB.lab().settings().address(n));
            assertThat(row.getString("data_center")).isEqualTo("dc1");
        }
    }

    @Test
    @Order(2)
    void should_read_the_same_value_through_every_node_when_written_at_all() {
        // Given a write at CONSISTENCY ALL through node1
        write("replicated", "v-all", DefaultConsistencyLevel.ALL, 1);

        // When it is read through each node, Then every node returns the same value
        for (int n = 1; n <= 3; n++) {
            assertThat(read("replicated", DefaultConsistencyLevel.ONE, n)).as("through node%d", n).isEqualTo("v-all");
        }
    }

    @Test
    @Order(3)
    void should_keep_a_write_when_a_node_is_killed_and_restarted_on_its_data() {
        // Given a write at ALL
        write("survivor", "v-kill", DefaultConsistencyLevel.ALL, 2);
        CassandraNode node2 = LAB.lab().node(2);
        long oldPid = node2.pid().orElseThrow();

        // When node2 is killed with SIGKILL and started again on the same folder
        node2.kill();
        assertThat(node2.isRunning()).isFalse();
        Readiness ready = node2.start();

        // Then it is a new process serving the same write (ONE, coordinated by node2 itself), and it accepts writes at ALL
        assertThat(ready.releaseVersion()).isEqualTo("5.0.9");
        assertThat(node2.pid()).isPresent().get().isNotEqualTo(oldPid);
        assertThat(read("survivor", DefaultConsistencyLevel.ONE, 2)).isEqualTo("v-kill");
        write("after-restart", "v-again", DefaultConsistencyLevel.ALL, 2);
        assertThat(read("after-restart", DefaultConsistencyLevel.ALL, 3)).isEqualTo("v-again");
    }

    private static void write(String k, String v, DefaultConsistencyLevel cl, int through) {
        LAB.lab().session(through).execute(SimpleStatement.newInstance("INSERT INTO lab_rf3.kv (k, v) VALUES (?, ?)", k, v)
                .setConsistencyLevel(cl));
    }

    private static String read(String k, DefaultConsistencyLevel cl, int through) {
        Row row = LAB.lab().session(through).execute(SimpleStatement.newInstance("SELECT v FROM lab_rf3.kv WHERE k = ?", k)
                .setConsistencyLevel(cl)).one();
        return row == null ? null : row.getString("v");
    }
}
