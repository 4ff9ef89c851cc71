package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.SyncMode;
import io.ringtap.lab.fold.FoldCheck;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Three nodes, RF 3: every node forwards its own replica's events, and the three copies of a change share its id. */
class ThreeNodeForwardIT {
    private static final String KS = "fwd_three";
    private static final int WRITES = 60;

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(3).kafka(true).sync(SyncMode.GROUP)
            .agentConfig("forward.backoff-max-ms", "2000").build();

    @Test
    void should_forward_each_replica_copy_with_one_shared_id_when_writing_at_all_with_rf_3() {
        // Given: RF 3 and the host id of every node
        CqlSession s1 = LAB.lab().session(1);
        s1.execute("CREATE KEYSPACE IF NOT EXISTS " + KS + " WITH replication = {'class':'SimpleStrategy','replication_factor':3}");
        s1.execute(KeyedWriter.ddl(KS));
        LAB.lab().awaitRing();
        Set<String> hostIds = new HashSet<>();
        for (int n = 1; n <= 3; n++) {
            hostIds.add(LAB.lab().session(n).execute("SELECT host_id FROM system.local").one().getUuid(0).toString());
        }

        // When: writes at ALL through every coordinator, plus a delete
        for (int i = 0; i < WRITES; i++) {
            all(LAB.lab().session(1 + i % 3), "INSERT INTO " + KS + ".t (k, c, v) VALUES (" + (i % 5) + ", " + i + ", 'v" + i
                    + "') USING TIMESTAMP " + (KeyedWriter.BASE_TS + i));
        }
        all(LAB.lab().session(2), "DELETE FROM " + KS + ".t USING TIMESTAMP " + (KeyedWriter.BASE_TS + WRITES)
                + " WHERE k = 4 AND c = 4");

        // Then: each of the 2 * WRITES + 1 changes comes once from each of the three nodes, with one id
        Forwarded kafka = Forwarded.read(LAB.lab().kafkaBootstrap(), 3 * (2 * WRITES + 1), Duration.ofSeconds(180), KS);
        Map<String, Set<String>> nodesOfId = new HashMap<>();
        for (Forwarded.Item item : kafka.items()) {
            nodesOfId.computeIfAbsent(item.id(), k -> new HashSet<>()).add(item.node());
        }
        assertThat(nodesOfId).hasSize(2 * WRITES + 1);
        assertThat(nodesOfId.values()).allSatisfy(nodes -> assertThat(nodes).isEqualTo(hostIds));
        assertThat(kafka.items()).hasSize(3 * (2 * WRITES + 1));
        assertThat(kafka.duplicateIdsPerNode()).isEmpty();
        KeyedWriter shape = new KeyedWriter(() -> s1, KS, 5, 0);
        for (String node : hostIds) {
            List<JsonNode> ofNode = kafka.items().stream().filter(i -> i.node().equals(node)).map(Forwarded.Item::event).toList();
            assertThat(shape.missing(WRITES, ofNode)).as("missing from node %s", node).isEmpty();
            assertThat(ofNode).filteredOn(e -> e.path("op").asText().equals("row_delete")).singleElement()
                    .satisfies(e -> assertThat(e.path("clustering").path("c").asInt()).isEqualTo(4));
        }
        assertThat(kafka.orderViolations()).isEmpty();

        // and the fold of the events, deduplicated by id, is the table
        RowComparison.Result r = FoldCheck.compare(s1, kafka.distinctById(), KS, List.of("t"), ConsistencyLevel.ALL);
        assertThat(r.matches()).as(r.diff()).isTrue();
    }

    private static void all(CqlSession s, String cql) {
        s.execute(SimpleStatement.newInstance(cql).setConsistencyLevel(ConsistencyLevel.ALL));
    }
}
