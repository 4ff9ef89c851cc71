package io.ringtap.lab.fold;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoldTest {
    static final long NOW = 1_800_000_000L;
    static final String K = "{\"pk\":\"a\"}";

    static TableSchema schema() {
        java.util.LinkedHashMap<String, CqlType> fields = new java.util.LinkedHashMap<>();
        fields.put("street", CqlType.parse("text"));
        fields.put("Zip", CqlType.parse("int"));
        return TableSchema.builder("ks", "t")
                .udt(CqlType.udt("address", fields, false))
                .partitionKey("pk", "text")
                .clustering("c1", "int")
                .clusteringDesc("c2", "text")
                .staticColumn("s", "int")
                .regular("v", "int")
                .regular("d", "double")
                .regular("name", "text")
                .regular("m", "map<int, text>")
                .regular("st", "set<text>")
                .regular("l", "list<int>")
                .regular("u", "address")
                .regular("fm", "frozen<map<text, int>>")
                .build();
    }

    static List<ObjectNode> fold(JsonNode... events) {
        return new Fold(schema()).applyAll(List.of(events)).rows(NOW);
    }

    static Events cell(String column, String value, long ts) {
        return Events.of("cell", ts).key(K).clustering("{\"c1\":1,\"c2\":\"x\"}").column(column).value(value);
    }

    static Events op(String op, long ts) {
        return Events.of(op, ts).key(K).clustering("{\"c1\":1,\"c2\":\"x\"}");
    }

    static JsonNode only(List<ObjectNode> rows, String column) {
        assertThat(rows).hasSize(1);
        return rows.get(0).get(column);
    }

    @Test
    void should_keep_higher_ts_when_two_values_compete_in_any_order() {
        // Given two writes of one cell
        JsonNode older = cell("v", "1", 10).json(), newer = cell("v", "2", 20).json();
        // When folded in both orders / Then the higher ts wins
        assertThat(only(fold(older, newer), "v").asInt()).isEqualTo(2);
        assertThat(only(fold(newer, older), "v").asInt()).isEqualTo(2);
    }

    @Test
    void should_let_deletion_win_when_ts_is_equal() {
        // Given a value and a deletion at the same ts, plus a marker so the row stays
        JsonNode marker = op("row", 5).json();
        JsonNode value = cell("v", "1", 10).json();
        JsonNode delete = op("cell_delete", 10).column("v").json();
        // When / Then
        assertThat(only(fold(marker, delete, value), "v").isNull()).isTrue();
        assertThat(only(fold(marker, value, delete), "v").isNull()).isTrue();
    }

    @Test
    void should_let_expiring_value_win_over_non_expiring_when_ts_is_equal() {
        // Given a non-expiring 9 (greater bytes) and an expiring 1 at equal ts
        JsonNode plain = cell("v", "9", 10).json();
        JsonNode expiring = cell("v", "1", 10).ttl(100, NOW + 100).json();
        // When / Then the expiring one wins despite the smaller value
        assertThat(only(fold(plain, expiring), "v").asInt()).isEqualTo(1);
        assertThat(only(fold(expiring, plain), "v").asInt()).isEqualTo(1);
    }

    @Test
    void should_let_later_expiry_win_when_ts_is_equal_and_both_expire() {
        JsonNode early = cell("v", "9", 10).ttl(100, NOW + 100).json();
        JsonNode late = cell("v", "1", 10).ttl(200, NOW + 200).json();
        assertThat(only(fold(early, late), "v").asInt()).isEqualTo(1);
        assertThat(only(fold(late, early), "v").asInt()).isEqualTo(1);
    }

    @Test
    void should_let_greater_serialized_bytes_win_when_everything_else_is_equal() {
        // Given -1 (0xffffffff) and 5 (0x00000005) at equal ts: unsigned bytes make -1 the greater
        JsonNode minus = cell("v", "-1", 10).json(), five = cell("v", "5", 10).json();
        assertThat(only(fold(minus, five), "v").asInt()).isEqualTo(-1);
        assertThat(only(fold(five, minus), "v").asInt()).isEqualTo(-1);
        // And text compares by UTF-8 bytes
        JsonNode b = cell("name", "\"b\"", 10).json(), a = cell("name", "\"abc\"", 10).json();
        assertThat(only(fold(b, a), "name").asText()).isEqualTo("b");
    }

    @Test
    void should_remove_elements_at_or_below_collection_delete_when_collection_is_overwritten() {
        // Given an append at 10, an overwrite at 20 (delete at 19 + new element at 20), an element at 19
        JsonNode old = cell("m", "\"old\"", 10).path("1").json();
        JsonNode atDeletion = cell("m", "\"gone\"", 19).path("3").json();
        JsonNode delete = op("collection_delete", 19).column("m").json();
        JsonNode fresh = cell("m", "\"new\"", 20).path("2").json();
        // When
        JsonNode m = only(fold(old, atDeletion, delete, fresh), "m");
        // Then only the element written after the deletion remains
        assertThat(m.toString()).isEqualTo("{\"2\":\"new\"}");
    }

    @Test
    void should_shadow_row_data_at_or_below_row_delete_when_row_is_deleted() {
        // Given a row with marker and cells, deleted at 20, then a cell written at 21
        JsonNode marker = op("row", 10).json();
        JsonNode v = cell("v", "1", 20).json();
        JsonNode delete = op("row_delete", 20).json();
        JsonNode d = cell("d", "2.5", 21).json();
        // When
        List<ObjectNode> rows = fold(marker, v, delete, d);
        // Then the row lives on only through the later cell
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("v").isNull()).isTrue();
        assertThat(rows.get(0).get("d").asDouble()).isEqualTo(2.5);
        // And without it the row is gone
        assertThat(fold(marker, v, delete)).isEmpty();
    }

    @Test
    void should_shadow_whole_partition_including_statics_when_partition_is_deleted() {
        JsonNode marker = op("row", 10).json();
        JsonNode s = Events.of("cell", 10).key(K).isStatic().column("s").value("7").json();
        JsonNode delete = Events.of("partition_delete", 15).key(K).json();
        JsonNode later = Events.of("row", 16).key(K).clustering("{\"c1\":2,\"c2\":\"y\"}").json();
        List<ObjectNode> rows = fold(marker, s, delete, later);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("c1").asInt()).isEqualTo(2);
        assertThat(rows.get(0).get("s").isNull()).isTrue();
    }

    private static JsonNode rowAt(int c1, String c2, long ts) {
        return Events.of("row", ts).key(K).clustering("{\"c1\":" + c1 + ",\"c2\":\"" + c2 + "\"}").json();
    }

    private static List<String> keys(List<ObjectNode> rows) {
        List<String> out = new ArrayList<>();
        for (ObjectNode r : rows) out.add(r.get("c1").asInt() + r.get("c2").asText());
        return out;
    }

    @Test
    void should_respect_inclusive_and_exclusive_bounds_when_range_is_deleted() {
        // Given rows c1 = 1..4 and a delete of c1 > 1 AND c1 <= 3 (prefix bounds)
        List<JsonNode> events = new ArrayList<>();
        for (int i = 1; i <= 4; i++) events.add(rowAt(i, "x", 10));
        events.add(Events.of("range_delete", 10).key(K).range(
                "{\"start\":{\"clustering\":{\"c1\":1},\"inclusive\":false},\"end\":{\"clustering\":{\"c1\":3},\"inclusive\":true}}").json());
        // When / Then
        assertThat(keys(new Fold(schema()).applyAll(events).rows(NOW))).containsExactly("1x", "4x");
    }

    @Test
    void should_keep_rows_newer_than_range_delete_and_honour_open_bounds() {
        // Given c1 >= 2 deleted at 10 (open end); row 3 rewritten at 11
        List<JsonNode> events = List.of(rowAt(1, "x", 5), rowAt(2, "x", 5), rowAt(3, "x", 5), rowAt(3, "x", 11),
                Events.of("range_delete", 10).key(K).range("{\"start\":{\"clustering\":{\"c1\":2},\"inclusive\":true}}").json());
        assertThat(keys(new Fold(schema()).applyAll(events).rows(NOW))).containsExactly("1x", "3x");
    }

    @Test
    void should_follow_desc_order_when_range_is_on_desc_column() {
        // Given c2 DESC: rows c2 = a..e within c1 = 1; delete c2 < 'd' AND c2 >= 'b'; in DESC order start is 'd' (exclusive)
        List<JsonNode> events = new ArrayList<>();
        for (String c2 : List.of("a", "b", "c", "d", "e")) events.add(rowAt(1, c2, 5));
        events.add(Events.of("range_delete", 10).key(K).range(
                "{\"start\":{\"clustering\":{\"c1\":1,\"c2\":\"d\"},\"inclusive\":false},"
                        + "\"end\":{\"clustering\":{\"c1\":1,\"c2\":\"b\"},\"inclusive\":true}}").json());
        // When / Then rows come in clustering order (DESC within c1) without b and c
        assertThat(keys(new Fold(schema()).applyAll(events).rows(NOW))).containsExactly("1e", "1d", "1a");
    }

    @Test
    void should_show_row_while_it_has_marker_or_live_cell() {
        // Given a marker-only row, and a row that exists only through a cell (UPDATE)
        JsonNode markerOnly = rowAt(1, "x", 10);
        JsonNode updateOnly = Events.of("cell", 10).key(K).clustering("{\"c1\":2,\"c2\":\"y\"}").column("v").value("3").json();
        List<ObjectNode> rows = fold(markerOnly, updateOnly);
        assertThat(keys(rows)).containsExactly("1x", "2y");
        assertThat(rows.get(0).toString()).isEqualTo(
                "{\"pk\":\"a\",\"c1\":1,\"c2\":\"x\",\"s\":null,\"d\":null,\"fm\":null,\"l\":null,\"m\":null,"
                        + "\"name\":null,\"st\":null,\"u\":null,\"v\":null}");
        // When the updated cell is deleted, the row without marker is gone
        JsonNode del = Events.of("cell_delete", 11).key(K).clustering("{\"c1\":2,\"c2\":\"y\"}").column("v").json();
        assertThat(keys(fold(markerOnly, updateOnly, del))).containsExactly("1x");
    }

    @Test
    void should_show_one_row_with_null_clustering_when_partition_has_only_static_data() {
        JsonNode s = Events.of("cell", 10).key(K).isStatic().column("s").value("7").json();
        List<ObjectNode> rows = fold(s);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("c1").isNull()).isTrue();
        assertThat(rows.get(0).get("c2").isNull()).isTrue();
        assertThat(rows.get(0).get("s").asInt()).isEqualTo(7);
        // And once a row exists the static shows on it, with no extra static-only row
        List<ObjectNode> withRow = fold(s, rowAt(1, "x", 10), rowAt(2, "y", 10));
        assertThat(keys(withRow)).containsExactly("1x", "2y");
        assertThat(withRow).allSatisfy(r -> assertThat(r.get("s").asInt()).isEqualTo(7));
    }

    @Test
    void should_drop_expired_cells_and_rows_when_expires_at_is_past() {
        // Given an INSERT USING TTL that has expired, and an older plain value it overwrote
        JsonNode older = cell("v", "1", 5).json();
        JsonNode marker = op("row", 10).ttl(60, NOW - 1).json();
        JsonNode v = cell("v", "2", 10).ttl(60, NOW - 1).json();
        // When / Then the row is gone and the older value does not come back
        assertThat(fold(older, marker, v)).isEmpty();
        // And at a time before expiry it is there
        assertThat(new Fold(schema()).applyAll(List.of(older, marker, v)).rows(NOW - 2)).hasSize(1);
        // And expiry at exactly now counts as expired (Cassandra: live while now < expires_at)
        assertThat(new Fold(schema()).applyAll(List.of(marker, v)).rows(NOW - 1)).isEmpty();
    }

    @Test
    void should_sum_highest_clock_per_shard_when_folding_counters() {
        TableSchema counters = TableSchema.builder("ks", "c").partitionKey("pk", "text").regular("hits", "counter")
                .regular("misses", "counter").build();
        Fold f = new Fold(counters);
        // Given shard A at clock 1 (5) then clock 2 (3); shard B clock 1 (10); events out of order, one duplicated
        for (JsonNode e : List.of(counterEvent("hits", "A", 2, 3, 20), counterEvent("hits", "A", 1, 5, 10),
                counterEvent("hits", "B", 1, 10, 15), counterEvent("hits", "B", 1, 10, 15),
                counterEvent("misses", "A", 1, 4, 10))) {
            f.apply(e);
        }
        // And a counter tombstone on misses at a lower ts: it still wins
        f.apply(Events.of("cell_delete", 1).key(K).column("misses").json().deepCopy()
                .<ObjectNode>require().put("table", "c"));
        // When / Then
        List<ObjectNode> rows = f.rows(NOW);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("hits").asLong()).isEqualTo(13);
        assertThat(rows.get(0).get("misses").isNull()).isTrue();
    }

    private static JsonNode counterEvent(String col, String shard, long clock, long count, long ts) {
        ObjectNode e = (ObjectNode) Events.of("cell", ts).key(K).column(col).value(Long.toString(count))
                .counter(shard, clock).json();
        e.put("table", "c").put("type", "counter");
        return e;
    }

    @Test
    void should_rebuild_collections_and_udt_when_given_element_events() {
        String t1 = Uuids.startOf(1_000).toString(), t2 = Uuids.startOf(2_000).toString(), t3 = Uuids.startOf(3_000).toString();
        List<JsonNode> events = List.of(
                rowAt(1, "x", 1),
                cell("m", "\"ten\"", 10).path("10").json(),
                cell("m", "\"two\"", 10).path("2").json(),
                cell("st", "null", 10).path("\"b\"").json(),
                cell("st", "null", 10).path("\"a\"").json(),
                cell("st", "null", 10).path("\"c\"").json(),
                op("cell_delete", 11).column("st").path("\"c\"").json(),
                cell("l", "30", 10).path("\"" + t3 + "\"").json(),
                cell("l", "10", 10).path("\"" + t1 + "\"").json(),
                cell("l", "20", 10).path("\"" + t2 + "\"").json(),
                cell("u", "\"Main St\"", 10).path("\"street\"").json(),
                cell("fm", "{\"k\":1}", 10).json());
        List<ObjectNode> rows = new Fold(schema()).applyAll(events).rows(NOW);
        ObjectNode r = rows.get(0);
        assertThat(r.get("m").toString()).isEqualTo("{\"2\":\"two\",\"10\":\"ten\"}");
        assertThat(r.get("st").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(r.get("l").toString()).isEqualTo("[10,20,30]");
        // the UDT shows every field, case-sensitive names quoted as SELECT JSON quotes them
        assertThat(r.get("u").toString()).isEqualTo("{\"street\":\"Main St\",\"\\\"Zip\\\"\":null}");
        assertThat(r.get("fm").toString()).isEqualTo("{\"k\":1}");
    }

    @Test
    void should_read_null_when_non_frozen_collection_is_emptied() {
        JsonNode marker = rowAt(1, "x", 1);
        JsonNode el = cell("st", "null", 10).path("\"a\"").json();
        JsonNode del = op("cell_delete", 11).column("st").path("\"a\"").json();
        JsonNode clear = op("collection_delete", 12).column("m").json();
        assertThat(only(fold(marker, el, del, clear), "st").isNull()).isTrue();
        assertThat(only(fold(marker, el, del, clear), "m").isNull()).isTrue();
    }

    @Test
    void should_give_same_rows_when_events_are_applied_in_any_order_and_twice() {
        List<JsonNode> events = new ArrayList<>(List.of(rowAt(1, "x", 1), rowAt(2, "y", 1), cell("v", "1", 5).json(),
                cell("v", "2", 6).json(), op("collection_delete", 9).column("m").json(), cell("m", "\"a\"", 10).path("1").json(),
                Events.of("range_delete", 3).key(K).range("{\"end\":{\"clustering\":{\"c1\":2},\"inclusive\":true}}").json(),
                Events.of("cell", 4).key(K).isStatic().column("s").value("1").json()));
        String expected = new Fold(schema()).applyAll(events).rows(NOW).toString();
        Random rnd = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<JsonNode> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, 3));
            Collections.shuffle(shuffled, rnd);
            assertThat(new Fold(schema()).applyAll(shuffled).rows(NOW).toString()).isEqualTo(expected);
        }
        assertThat(expected).contains("\"v\":2").contains("\"m\":{\"1\":\"a\"}").contains("\"s\":1");
    }

    @Test
    void should_reject_event_when_it_belongs_to_another_table_or_misuses_a_column() {
        Fold f = new Fold(schema());
        assertThatThrownBy(() -> f.apply(Events.of("row", 1).key(K).json().deepCopy().<ObjectNode>require().put("table", "other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ks.other");
        assertThatThrownBy(() -> f.apply(cell("m", "\"a\"", 1).json()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without path");
        assertThatThrownBy(() -> f.apply(cell("nope", "1", 1).json()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column nope");
    }
}
