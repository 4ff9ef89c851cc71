package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.EavEvent;
import org.apache.cassandra.cql3.ColumnIdentifier;
import org.apache.cassandra.db.Clustering;
import org.apache.cassandra.db.DeletionTime;
import org.apache.cassandra.db.LivenessInfo;
import org.apache.cassandra.db.context.CounterContext;
import org.apache.cassandra.db.marshal.Int32Type;
import org.apache.cassandra.db.marshal.TimeUUIDType;
import org.apache.cassandra.db.marshal.UTF8Type;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.db.rows.BTreeRow;
import org.apache.cassandra.db.rows.BufferCell;
import org.apache.cassandra.db.rows.CellPath;
import org.apache.cassandra.db.rows.Row;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.utils.ByteBufferUtil;
import org.apache.cassandra.utils.CounterId;
import org.apache.cassandra.db.marshal.UUIDType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import static io.ringtap.agent.cassandra.Tables.SOURCE;
import static io.ringtap.agent.cassandra.Tables.expected;
import static io.ringtap.agent.cassandra.Tables.jsonWithoutIds;
import static io.ringtap.agent.cassandra.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Elements of non-frozen collections and UDTs, static columns, composite keys and counter shards. */
class ElementsDecoderTest {
    private static final long TS = 1000;
    private static final long NOW = 1763863687L;
    private static final TableMetadata ITEMS = table("CREATE TABLE shop.items (id int PRIMARY KEY, "
            + "l list<text>, s set<int>, m map<int, text>, a address, la list<frozen<address>>) WITH cdc = true");
    private static final String KEY = "'key':{'id':1},";

    private final MutationDecoder decoder = new MutationDecoder();

    private static ColumnMetadata col(TableMetadata t, String name) {
        return t.getColumn(new ColumnIdentifier(name, true));
    }

    private static List<String> decodeRow(TableMetadata t, ByteBuffer key, Row.Builder row) {
        return jsonWithoutIds(new MutationDecoder().decode(PartitionUpdate.singleRowUpdate(t, key, row.build()), SOURCE));
    }

    private static Row.Builder row(Clustering<?> clustering) {
        Row.Builder b = BTreeRow.unsortedBuilder();
        b.newRow(clustering);
        return b;
    }

    @Test
    void should_put_list_cell_id_in_path_when_list_element_is_set() {
        // Given: UPDATE items SET l = l + ['x'], element cell id a timeuuid
        ByteBuffer cellId = TimeUUIDType.instance.fromString("50554d6e-29bb-11e5-b345-feff819cdc9f");
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.live(col(ITEMS, "l"), TS, UTF8Type.instance.decompose("x"), CellPath.create(cellId)));

        // When / Then
        assertThat(decodeRow(ITEMS, Int32Type.instance.decompose(1), r)).containsExactly(expected("cell", "items",
                KEY + "'column':'l','path':'50554d6e-29bb-11e5-b345-feff819cdc9f','value':'x','type':'text','ts':1000"));
    }

    @Test
    void should_put_element_in_path_and_null_value_when_set_element_is_added_or_removed() {
        // Given: UPDATE items SET s = s + {5}; UPDATE items SET s = s - {6}
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.live(col(ITEMS, "s"), TS, ByteBufferUtil.EMPTY_BYTE_BUFFER,
                CellPath.create(Int32Type.instance.decompose(5))));
        r.addCell(BufferCell.tombstone(col(ITEMS, "s"), TS, NOW, CellPath.create(Int32Type.instance.decompose(6))));

        // When / Then
        assertThat(decodeRow(ITEMS, Int32Type.instance.decompose(1), r)).containsExactly(
                expected("cell", "items", KEY + "'column':'s','path':5,'value':null,'type':'int','ts':1000"),
                expected("cell_delete", "items", KEY + "'column':'s','path':6,'ts':1000"));
    }

    @Test
    void should_encode_map_key_in_its_own_type_when_map_element_is_set_with_ttl() {
        // Given: UPDATE items USING TTL 60 SET m[5] = 'five'; DELETE m[7] FROM items
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.expiring(col(ITEMS, "m"), TS, 60, NOW, UTF8Type.instance.decompose("five"),
                CellPath.create(Int32Type.instance.decompose(5))));
        r.addCell(BufferCell.tombstone(col(ITEMS, "m"), TS, NOW, CellPath.create(Int32Type.instance.decompose(7))));

        // When / Then
        assertThat(decodeRow(ITEMS, Int32Type.instance.decompose(1), r)).containsExactly(
                expected("cell", "items", KEY + "'column':'m','path':5,'value':'five','type':'text','ts':1000,"
                        + "'ttl':60,'expires_at':1763863747"),
                expected("cell_delete", "items", KEY + "'column':'m','path':7,'ts':1000"));
    }

    @Test
    void should_put_field_name_in_path_when_non_frozen_udt_field_is_set_or_deleted() {
        // Given: INSERT INTO items (id, a) VALUES (1, {street: 'Main', zip: null})
        ColumnMetadata a = col(ITEMS, "a");
        Row.Builder r = row(Clustering.EMPTY);
        r.addPrimaryKeyLivenessInfo(LivenessInfo.create(TS, NOW));
        r.addComplexDeletion(a, DeletionTime.build(TS - 1, NOW));
        r.addCell(BufferCell.live(a, TS, UTF8Type.instance.decompose("Main"), CellPath.create(ByteBufferUtil.bytes((short) 0))));
        r.addCell(BufferCell.tombstone(a, TS, NOW, CellPath.create(ByteBufferUtil.bytes((short) 1))));

        // When / Then
        assertThat(decodeRow(ITEMS, Int32Type.instance.decompose(1), r)).containsExactly(
                expected("row", "items", KEY + "'ts':1000"),
                expected("collection_delete", "items", KEY + "'column':'a','ts':999"),
                expected("cell", "items", KEY + "'column':'a','path':'street','value':'Main','type':'text','ts':1000"),
                expected("cell_delete", "items", KEY + "'column':'a','path':'zip','ts':1000"));
    }

    @Test
    void should_type_element_as_frozen_udt_when_list_holds_frozen_udts() {
        // Given
        ColumnMetadata la = col(ITEMS, "la");
        ByteBuffer cellId = TimeUUIDType.instance.fromString("50554d6e-29bb-11e5-b345-feff819cdc9f");
        ByteBuffer address = Tables.ADDRESS.freeze().fromString("Elm:7");
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.live(la, TS, address, CellPath.create(cellId)));

        // When / Then
        assertThat(decodeRow(ITEMS, Int32Type.instance.decompose(1), r)).containsExactly(expected("cell", "items",
                KEY + "'column':'la','path':'50554d6e-29bb-11e5-b345-feff819cdc9f','value':{'street':'Elm','zip':7},"
                        + "'type':'frozen<address>','ts':1000"));
    }

    @Test
    void should_mark_static_and_omit_clustering_when_static_column_is_written() {
        // Given: composite partition key, composite clustering key, a static column
        TableMetadata t = table("CREATE TABLE shop.orders (tenant text, region int, day date, seq bigint, "
                + "owner text static, total decimal, PRIMARY KEY ((tenant, region), day, seq)) WITH cdc = true");
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(t, "acme", 3).timestamp(TS);
        b.row().noPrimaryKeyLivenessInfo().add("owner", "Bob"); // as CQL writes it: no liveness on the static row
        b.row(t.clusteringColumns().get(0).type.fromString("2025-11-23"), 9L).add("total", new java.math.BigDecimal("1.50"));

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        String key = "'key':{'tenant':'acme','region':3},";
        assertThat(jsonWithoutIds(events)).containsExactly(
                expected("cell", "orders", key + "'static':true,'column':'owner','value':'Bob','type':'text','ts':1000"),
                expected("row", "orders", key + "'clustering':{'day':'2025-11-23','seq':9},'ts':1000"),
                expected("cell", "orders", key + "'clustering':{'day':'2025-11-23','seq':9},"
                        + "'column':'total','value':1.50,'type':'decimal','ts':1000"));
        assertThat(events.get(0).recordKey()).isEqualTo("{\"tenant\":\"acme\",\"region\":3}");
    }

    @Test
    void should_emit_one_cell_per_shard_when_counter_context_has_several_shards() {
        // Given: a counter cell whose context holds two global shards
        TableMetadata t = table("CREATE TABLE shop.hits (page text, day int, n counter, PRIMARY KEY (page, day)) WITH cdc = true");
        CounterId a = CounterId.wrap(UUIDType.instance.decompose(UUID.fromString("11111111-1111-1111-1111-111111111111")));
        CounterId b = CounterId.wrap(UUIDType.instance.decompose(UUID.fromString("22222222-2222-2222-2222-222222222222")));
        ByteBuffer context = CounterContext.instance().merge(
                CounterContext.instance().createGlobal(a, 3, 5), CounterContext.instance().createGlobal(b, 7, -2));
        Row.Builder r = row(Clustering.make(Int32Type.instance.decompose(20251123)));
        r.addCell(BufferCell.live(col(t, "n"), TS, context));

        // When / Then
        String where = "'key':{'page':'/home'},'clustering':{'day':20251123},";
        assertThat(decodeRow(t, UTF8Type.instance.decompose("/home"), r)).containsExactly(
                expected("cell", "hits", where + "'column':'n','value':5,'type':'counter','ts':1000,"
                        + "'counter':{'shard':'11111111-1111-1111-1111-111111111111','clock':3}"),
                expected("cell", "hits", where + "'column':'n','value':-2,'type':'counter','ts':1000,"
                        + "'counter':{'shard':'22222222-2222-2222-2222-222222222222','clock':7}"));
    }

    @Test
    void should_emit_cell_delete_when_counter_is_deleted() {
        // Given
        TableMetadata t = table("CREATE TABLE shop.hits2 (page text PRIMARY KEY, n counter) WITH cdc = true");
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.tombstone(col(t, "n"), TS, NOW));

        // When / Then
        assertThat(decodeRow(t, UTF8Type.instance.decompose("/"), r)).containsExactly(
                expected("cell_delete", "hits2", "'key':{'page':'/'},'column':'n','ts':1000"));
    }

    @Test
    void should_emit_delta_under_update_shard_when_counter_cell_is_an_unapplied_update() {
        // Given: what a trigger sees for UPDATE hits3 SET n = n + 4 (a delta, before the replica applies it)
        TableMetadata t = table("CREATE TABLE shop.hits3 (page text PRIMARY KEY, n counter) WITH cdc = true");
        Row.Builder r = row(Clustering.EMPTY);
        r.addCell(BufferCell.live(col(t, "n"), TS, CounterContext.instance().createUpdate(4)));

        // When / Then
        assertThat(decodeRow(t, UTF8Type.instance.decompose("/"), r)).containsExactly(
                expected("cell", "hits3", "'key':{'page':'/'},'column':'n','value':4,'type':'counter','ts':1000,"
                        + "'counter':{'shard':'00000000-0000-0000-c000-000000000000','clock':1}"));
    }
}
