package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.schema.TableMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ringtap.agent.cassandra.Tables.SOURCE;
import static io.ringtap.agent.cassandra.Tables.expected;
import static io.ringtap.agent.cassandra.Tables.jsonWithoutIds;
import static io.ringtap.agent.cassandra.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Every op of the spec, on real PartitionUpdates and Mutations built with Cassandra's API. */
class MutationDecoderTest {
    private static final long TS = 1763863687123456L;
    private static final long NOW = 1763863687L;
    private static final TableMetadata RAW_DATA = table("CREATE TABLE shop.raw_data (wsid text, year int, month int, "
            + "temperature double, PRIMARY KEY (wsid, year, month)) WITH cdc = true");
    private static final TableMetadata USERS = table("CREATE TABLE shop.users (id int PRIMARY KEY, name text, "
            + "tags map<text, int>) WITH cdc = true");
    private static final TableMetadata NO_CDC = table("CREATE TABLE shop.plain (id int PRIMARY KEY, name text)");

    private final MutationDecoder decoder = new MutationDecoder();

    @Test
    void should_emit_row_and_cell_when_insert_into_clustered_table() {
        // Given
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS);
        b.row(2026, 11).add("temperature", -5.6);

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        String where = "'key':{'wsid':'725030:14732'},'clustering':{'year':2026,'month':11},";
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("row", "raw_data", where + "'ts':1763863687123456"),
                expected("cell", "raw_data", where
                        + "'column':'temperature','value':-5.6,'type':'double','ts':1763863687123456"));
        assertThat(events).extracting(EavEvent::op).containsExactly(Op.ROW, Op.CELL);
        assertThat(events.get(1).recordKey()).isEqualTo("{\"wsid\":\"725030:14732\"}");
        assertThat(events.get(1).keyspace()).isEqualTo("shop");
        assertThat(events.get(1).table()).isEqualTo("raw_data");
        assertThat(events.get(1).json()).contains("\"id\":\"" + events.get(1).id() + "\"");
        assertThat(events.get(0).id()).matches("[0-9a-f]{32}").isNotEqualTo(events.get(1).id());
    }

    @Test
    void should_omit_clustering_when_table_has_no_clustering_columns() {
        // Given
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS);
        b.row().add("name", "Ann");

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("row", "users", "'key':{'id':7},'ts':1763863687123456"),
                expected("cell", "users", "'key':{'id':7},'column':'name','value':'Ann','type':'text','ts':1763863687123456"));
    }

    @Test
    void should_carry_ttl_and_expiry_when_row_and_cell_expire() {
        // Given: INSERT ... USING TTL 3600 AND TIMESTAMP 42 executed at NOW
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(42).ttl(3600).nowInSec(NOW);
        b.row().add("name", "Ann");

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("row", "users", "'key':{'id':7},'ts':42,'ttl':3600,'expires_at':1763867287"),
                expected("cell", "users", "'key':{'id':7},'column':'name','value':'Ann','type':'text',"
                        + "'ts':42,'ttl':3600,'expires_at':1763867287"));
    }

    @Test
    void should_emit_cell_delete_when_column_is_deleted() {
        // Given: DELETE temperature FROM raw_data WHERE ...
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS).nowInSec(NOW);
        b.row(2026, 11).noPrimaryKeyLivenessInfo().delete("temperature");

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("cell_delete", "raw_data",
                "'key':{'wsid':'725030:14732'},'clustering':{'year':2026,'month':11},'column':'temperature','ts':1763863687123456"));
    }

    @Test
    void should_emit_row_delete_when_row_is_deleted() {
        // Given
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS).nowInSec(NOW);
        b.row(2026, 11).delete();

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("row_delete", "raw_data",
                "'key':{'wsid':'725030:14732'},'clustering':{'year':2026,'month':11},'ts':1763863687123456"));
    }

    @Test
    void should_emit_partition_delete_when_partition_is_deleted() {
        // Given
        PartitionUpdate update = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS).nowInSec(NOW)
                .delete().build();

        // When
        List<EavEvent> events = decoder.decode(update, SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("partition_delete", "raw_data",
                "'key':{'wsid':'725030:14732'},'ts':1763863687123456"));
    }

    @Test
    void should_emit_range_delete_with_prefix_bounds_when_clustering_range_is_deleted() {
        // Given: DELETE FROM raw_data WHERE wsid = ? AND year = 2026 AND month >= 3 AND month < 7
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS).nowInSec(NOW);
        b.addRangeTombstone().start(2026, 3).inclStart().end(2026, 7).exclEnd();

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("range_delete", "raw_data",
                "'key':{'wsid':'725030:14732'},'ts':1763863687123456,'range':{"
                        + "'start':{'clustering':{'year':2026,'month':3},'inclusive':true},"
                        + "'end':{'clustering':{'year':2026,'month':7},'inclusive':false}}"));
    }

    @Test
    void should_emit_one_prefix_bound_when_range_is_open_on_one_side() {
        // Given: DELETE ... WHERE wsid = ? AND year > 2020 (end open)
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(RAW_DATA, "725030:14732").timestamp(TS).nowInSec(NOW);
        b.addRangeTombstone().start(2020).exclStart().end().inclEnd();

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("range_delete", "raw_data",
                "'key':{'wsid':'725030:14732'},'ts':1763863687123456,'range':{"
                        + "'start':{'clustering':{'year':2020},'inclusive':false}}"));
    }

    @Test
    void should_put_greater_value_in_start_when_clustering_column_is_desc() {
        // Given: CLUSTERING ORDER BY (seq DESC); DELETE ... WHERE k = 1 AND seq >= 10 AND seq <= 20
        TableMetadata events = table("CREATE TABLE shop.events (k int, seq int, v text, PRIMARY KEY (k, seq)) "
                + "WITH CLUSTERING ORDER BY (seq DESC) AND cdc = true");
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(events, 1).timestamp(TS).nowInSec(NOW);
        b.addRangeTombstone().start(20).inclStart().end(10).inclEnd();

        // When
        List<EavEvent> decoded = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(decoded)).containsExactly(expected("range_delete", "events",
                "'key':{'k':1},'ts':1763863687123456,'range':{"
                        + "'start':{'clustering':{'seq':20},'inclusive':true},"
                        + "'end':{'clustering':{'seq':10},'inclusive':true}}"));
    }

    @Test
    void should_emit_collection_delete_before_elements_when_collection_is_overwritten() {
        // Given: UPDATE users SET tags = {'a': 1} (overwrite: clear at ts - 1, then the element)
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS).nowInSec(NOW);
        b.row().noPrimaryKeyLivenessInfo().add("tags", Map.of("a", 1));

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("collection_delete", "users", "'key':{'id':7},'column':'tags','ts':1763863687123455"),
                expected("cell", "users", "'key':{'id':7},'column':'tags','path':'a','value':1,'type':'int','ts':1763863687123456"));
    }

    @Test
    void should_emit_only_elements_when_collection_is_appended() {
        // Given: UPDATE users SET tags = tags + {'b': 2}
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS).nowInSec(NOW);
        b.row().noPrimaryKeyLivenessInfo().appendAll("tags", Map.of("b", 2));

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("cell", "users", "'key':{'id':7},'column':'tags','path':'b','value':2,'type':'int','ts':1763863687123456"));
    }

    @Test
    void should_emit_collection_delete_at_statement_ts_when_whole_collection_is_deleted() {
        // Given: DELETE tags FROM users WHERE id = 7
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS).nowInSec(NOW);
        b.row().noPrimaryKeyLivenessInfo().delete("tags");

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("collection_delete", "users", "'key':{'id':7},'column':'tags','ts':1763863687123456"));
    }

    @Test
    void should_decode_every_captured_table_when_batch_spans_tables() {
        // Given: one logged batch on partition id = 7 touching users and a second cdc table of the keyspace
        TableMetadata audit = table("CREATE TABLE shop.audit (id int, at int, what text, PRIMARY KEY (id, at)) WITH cdc = true");
        PartitionUpdate.SimpleBuilder u = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS);
        u.row().noPrimaryKeyLivenessInfo().add("name", "Ann");
        PartitionUpdate.SimpleBuilder a = PartitionUpdate.simpleBuilder(audit, 7).timestamp(TS);
        a.row(1).noPrimaryKeyLivenessInfo().add("what", "rename");
        PartitionUpdate.SimpleBuilder p = PartitionUpdate.simpleBuilder(NO_CDC, 7).timestamp(TS);
        p.row().add("name", "skipped");
        PartitionUpdate users = u.build();
        Mutation mutation = new Mutation.PartitionUpdateCollector("shop", users.partitionKey())
                .add(users).add(a.build()).add(p.build()).build();

        // When
        CapturedMutation captured = decoder.decode(mutation, SOURCE);

        // Then
        assertThat(captured.source()).isSameAs(SOURCE);
        assertThat(jsonWithoutIds(captured.events())).containsExactlyInAnyOrder(
                expected("cell", "users", "'key':{'id':7},'column':'name','value':'Ann','type':'text','ts':1763863687123456"),
                expected("cell", "audit", "'key':{'id':7},'clustering':{'at':1},'column':'what','value':'rename',"
                        + "'type':'text','ts':1763863687123456"));
    }

    @Test
    void should_return_null_when_no_table_of_the_mutation_has_cdc() {
        // Given
        PartitionUpdate.SimpleBuilder p = PartitionUpdate.simpleBuilder(NO_CDC, 7).timestamp(TS);
        p.row().add("name", "x");

        // When
        CapturedMutation captured = decoder.decode(new Mutation(p.build()), SOURCE);

        // Then
        assertThat(captured).isNull();
    }

    @Test
    void should_return_null_when_keyspace_is_a_system_keyspace_even_with_cdc() {
        // Given
        TableMetadata sys = Tables.tableIn("system_custom", "CREATE TABLE system_custom.t (id int PRIMARY KEY, v text) WITH cdc = true");
        PartitionUpdate.SimpleBuilder p = PartitionUpdate.simpleBuilder(sys, 7).timestamp(TS);
        p.row().add("v", "x");
        PartitionUpdate update = p.build();

        // When
        CapturedMutation captured = decoder.decode(new Mutation(update), SOURCE);

        // Then
        assertThat(captured).isNull();
        assertThat(decoder.decode(update, SOURCE)).isNotEmpty();
    }

    @Test
    void should_decode_without_cdc_filter_when_decoding_one_partition_update() {
        // Given: trigger capture sees updates of any table
        PartitionUpdate.SimpleBuilder p = PartitionUpdate.simpleBuilder(NO_CDC, 7).timestamp(TS);
        p.row().noPrimaryKeyLivenessInfo().add("name", "x");

        // When
        List<EavEvent> events = decoder.decode(p.build(), Tables.TRIGGER_SOURCE);

        // Then
        assertThat(events).extracting(EavEvent::json).containsExactly(
                "{\"v\":1,\"id\":\"" + events.get(0).id() + "\",\"op\":\"cell\",\"keyspace\":\"shop\",\"table\":\"plain\","
                        + "\"key\":{\"id\":7},\"column\":\"name\",\"value\":\"x\",\"type\":\"text\",\"ts\":1763863687123456,"
                        + "\"source\":{\"capture\":\"trigger\",\"node\":\"n1\",\"dc\":\"dc1\"}}");
    }

    @Test
    void should_give_equal_ids_when_same_change_is_captured_from_different_sources() {
        // Given
        PartitionUpdate.SimpleBuilder p = PartitionUpdate.simpleBuilder(USERS, 7).timestamp(TS);
        p.row().add("name", "Ann");
        PartitionUpdate update = p.build();

        // When
        List<EavEvent> viaCdc = decoder.decode(update, SOURCE);
        List<EavEvent> viaTrigger = decoder.decode(update, Tables.TRIGGER_SOURCE);

        // Then
        assertThat(viaCdc).extracting(EavEvent::id).containsExactlyElementsOf(
                viaTrigger.stream().map(EavEvent::id).collect(java.util.stream.Collectors.toList()));
        assertThat(viaCdc.get(0).json()).isNotEqualTo(viaTrigger.get(0).json());
    }

    @Test
    void should_fail_naming_table_but_not_value_when_value_cannot_be_decoded() {
        // Given: a 3-byte int (corrupt input)
        TableMetadata t = table("CREATE TABLE shop.ints (id int PRIMARY KEY, n int) WITH cdc = true");
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(t, 1).timestamp(TS);
        b.row().add("n", java.nio.ByteBuffer.wrap(new byte[] {0x7a, 0x7b, 0x7c}));
        PartitionUpdate update = b.build();

        // When / Then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(update, SOURCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot decode a partition update of shop.ints (")
                .hasNoCause();
    }
}
