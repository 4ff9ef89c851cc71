package io.ringtap.lab.fold;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowComparisonTest {

    static TableSchema schema() {
        return TableSchema.builder("ks", "t")
                .udt(CqlType.udt("pt", new java.util.LinkedHashMap<>(Map.of("X", CqlType.parse("float"))), false))
                .partitionKey("pk", "int")
                .clustering("ck", "double")
                .regular("d", "double")
                .regular("f", "float")
                .regular("dec", "decimal")
                .regular("big", "varint")
                .regular("s", "set<int>")
                .regular("m", "map<frozen<list<int>>, text>")
                .regular("l", "list<text>")
                .regular("p", "frozen<pt>")
                .regular("Mixed", "text")
                .build();
    }

    @Test
    void should_match_when_only_number_formatting_order_and_map_key_layout_differ() {
        // Given SELECT JSON's rendering and an equivalent one with other number text and element order
        String select = "{\"pk\": 1, \"ck\": 2.0, \"d\": 1.0, \"f\": 0.1, \"dec\": 1.50, \"big\": 123456789012345678901234567890,"
                + " \"s\": [1, 2, 3], \"m\": {\"[1, 2]\": \"a\", \"[3]\": \"b\"}, \"l\": [\"x\", \"y\"], \"p\": {\"\\\"X\\\"\": 1.5},"
                + " \"\\\"Mixed\\\"\": \"M\"}";
        String fold = "{\"pk\":1,\"ck\":2,\"d\":1,\"f\":0.10000000149011612,\"dec\":1.50,\"big\":123456789012345678901234567890,"
                + "\"s\":[3,1,2],\"m\":{\"[3]\":\"b\",\"[1,2]\":\"a\"},\"l\":[\"x\",\"y\"],\"p\":{\"\\\"X\\\"\":1.5},\"\\\"Mixed\\\"\":\"M\"}";
        // When
        RowComparison.Result r = RowComparison.compare(schema(), List.of(select), List.of(fold));
        // Then
        assertThat(r.matches()).as(r.diff()).isTrue();
    }

    @Test
    void should_report_each_difference_when_rows_differ() {
        // Given a missing row, an extra row, and a row with a different list order and decimal scale
        List<String> select = List.of("{\"pk\":1,\"ck\":1.0,\"l\":[\"x\",\"y\"],\"dec\":1.5}", "{\"pk\":2,\"ck\":1.0}");
        List<String> fold = List.of("{\"pk\":1,\"ck\":1.0,\"l\":[\"y\",\"x\"],\"dec\":1.50}", "{\"pk\":3,\"ck\":1.0}");
        // When
        RowComparison.Result r = RowComparison.compare(schema(), select, fold);
        // Then
        assertThat(r.matches()).isFalse();
        assertThat(r.diff())
                .contains("SELECT JSON has 2 rows, fold has 2 rows; 1 only in SELECT JSON, 1 only in fold, 1 differing")
                .contains("only in SELECT JSON: {\"pk\":2,")
                .contains("only in fold: {\"pk\":3,")
                .contains("l: SELECT JSON=[\"x\",\"y\"]  fold=[\"y\",\"x\"]")
                .contains("dec: SELECT JSON=1.5  fold=1.50")
                .doesNotContain("    d: ");
        assertThatThrownBy(() -> RowComparison.assertSameRows(schema(), select, fold))
                .isInstanceOf(AssertionError.class).hasMessageContaining("1 differing");
    }

    @Test
    void should_treat_empty_non_frozen_collection_as_null_and_flag_unknown_columns() {
        RowComparison.Result same = RowComparison.compare(schema(),
                List.of("{\"pk\":1,\"ck\":1,\"s\":null}"), List.of("{\"pk\":1,\"ck\":1,\"s\":[]}"));
        assertThat(same.matches()).as(same.diff()).isTrue();
        RowComparison.Result unknown = RowComparison.compare(schema(),
                List.of("{\"pk\":1,\"ck\":1,\"zzz\":1}"), List.of("{\"pk\":1,\"ck\":1}"));
        assertThat(unknown.diff()).contains("SELECT JSON row has unknown column zzz");
    }

    @Test
    void should_match_fold_output_when_compared_with_itself_rendered_by_cassandra() {
        // Given a fold of a map with frozen-list keys, rendered the way Cassandra's toJSONString does
        Fold f = new Fold(schema());
        f.apply("{\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\",\"key\":{\"pk\":1},\"clustering\":{\"ck\":0.5},"
                + "\"column\":\"m\",\"path\":[1,2],\"value\":\"a\",\"ts\":1}");
        // When / Then the key is laid out like Cassandra's
        assertThat(f.rows(0).get(0).get("m").fieldNames().next()).isEqualTo("[1, 2]");
        assertThat(RowComparison.compare(schema(), List.of("{\"pk\":1,\"ck\":0.5,\"m\":{\"[1, 2]\":\"a\"}}"), f.rows(0)).matches()).isTrue();
    }
}
