package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.EavEvent;
import org.apache.cassandra.cql3.ColumnIdentifier;
import org.apache.cassandra.cql3.QueryOptions;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.utils.JsonUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import static io.ringtap.agent.cassandra.Tables.SOURCE;
import static io.ringtap.agent.cassandra.Tables.expected;
import static io.ringtap.agent.cassandra.Tables.jsonWithoutIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every CQL type of Cassandra 5.0 as a whole-cell value: the value is written the way {@code INSERT JSON}
 * reads it and must come out exactly as {@code SELECT JSON} writes it, with its CQL type text.
 */
class CqlTypesDecoderTest {
    private static final TableMetadata TYPES = Tables.table("CREATE TABLE shop.types (id int PRIMARY KEY, "
            + "c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean, c_date date, c_decimal decimal, "
            + "c_double double, c_duration duration, c_float float, c_inet inet, c_int int, c_smallint smallint, "
            + "c_text text, c_varchar varchar, c_time time, c_timestamp timestamp, c_timeuuid timeuuid, "
            + "c_tinyint tinyint, c_uuid uuid, c_varint varint, c_vector vector<float, 3>, "
            + "c_flist frozen<list<int>>, c_fset frozen<set<text>>, c_fmap frozen<map<int, text>>, "
            + "c_tuple tuple<int, text, boolean>, c_faddr frozen<address>, "
            + "c_nested frozen<map<text, frozen<list<int>>>>, c_vtext vector<text, 2>, \"MixedCase\" int) WITH cdc = true");

    private final MutationDecoder decoder = new MutationDecoder();

    static Stream<Arguments> values() {
        return Stream.of(
                // column, value as INSERT JSON reads it, value as SELECT JSON writes it, CQL type
                arguments("c_ascii", "\"abc\"", "'abc'", "ascii"),
                arguments("c_bigint", "-9223372036854775808", "-9223372036854775808", "bigint"),
                arguments("c_blob", "\"0xcafe00\"", "'0xcafe00'", "blob"),
                arguments("c_boolean", "true", "true", "boolean"),
                arguments("c_date", "\"2026-11-23\"", "'2026-11-23'", "date"),
                arguments("c_decimal", "\"12.340\"", "12.340", "decimal"),
                arguments("c_double", "-5.6", "-5.6", "double"),
                arguments("c_double", "1.0E300", "1.0E300", "double"),
                arguments("c_duration", "\"1h30m\"", "'1h30m'", "duration"),
                arguments("c_float", "2.5", "2.5", "float"),
                arguments("c_inet", "\"10.0.0.1\"", "'10.0.0.1'", "inet"),
                arguments("c_inet", "\"::1\"", "'0:0:0:0:0:0:0:1'", "inet"),
                arguments("c_int", "42", "42", "int"),
                arguments("c_smallint", "-7", "-7", "smallint"),
                arguments("c_text", "\"héllo wörld\"", "'héllo wörld'", "text"),
                arguments("c_varchar", "\"v\"", "'v'", "text"),
                arguments("c_time", "\"08:12:54.123456789\"", "'08:12:54.123456789'", "time"),
                arguments("c_timestamp", "1763863687123", "'2025-11-23 02:08:07.123Z'", "timestamp"),
                arguments("c_timeuuid", "\"50554d6e-29bb-11e5-b345-feff819cdc9f\"", "'50554d6e-29bb-11e5-b345-feff819cdc9f'", "timeuuid"),
                arguments("c_tinyint", "-3", "-3", "tinyint"),
                arguments("c_uuid", "\"0b1f5c1e-7a0e-4d5e-9a59-2f6b0f0c3a11\"", "'0b1f5c1e-7a0e-4d5e-9a59-2f6b0f0c3a11'", "uuid"),
                arguments("c_varint", "123456789012345678901234567890", "123456789012345678901234567890", "varint"),
                arguments("c_vector", "[1.0, 2.5, -3.0]", "[1.0,2.5,-3.0]", "vector<float, 3>"),
                arguments("c_vtext", "[\"a b\", \"c\"]", "['a b','c']", "vector<text, 2>"),
                arguments("c_flist", "[3, 1, 2]", "[3,1,2]", "frozen<list<int>>"),
                arguments("c_fset", "[\"b\", \"a\"]", "['a','b']", "frozen<set<text>>"),
                arguments("c_fmap", "{\"5\": \"five\", \"1\": \"one\"}", "{'1':'one','5':'five'}", "frozen<map<int, text>>"),
                arguments("c_tuple", "[1, \"x y\", null]", "[1,'x y',null]", "frozen<tuple<int, text, boolean>>"),
                arguments("c_faddr", "{\"street\": \"1 Main St\", \"zip\": 12345}", "{'street':'1 Main St','zip':12345}", "frozen<address>"),
                arguments("c_nested", "{\"a\": [1, 2]}", "{'a':[1,2]}", "frozen<map<text, frozen<list<int>>>>"),
                arguments("MixedCase", "1", "1", "int"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("values")
    void should_encode_value_as_select_json_when_cell_has_cql_type(String column, String jsonIn, String jsonOut, String type) {
        // Given
        ColumnMetadata c = TYPES.getColumn(new ColumnIdentifier(column, true));
        ByteBuffer bytes = c.type.fromJSONObject(JsonUtils.decodeJson(jsonIn)).bindAndGet(QueryOptions.DEFAULT);
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(TYPES, 1).timestamp(1);
        b.row().noPrimaryKeyLivenessInfo().add(column, bytes);

        // When
        List<EavEvent> events = decoder.decode(b.build(), SOURCE);

        // Then
        assertThat(jsonWithoutIds(events)).containsExactly(expected("cell", "types",
                "'key':{'id':1},'column':'" + column + "','value':" + jsonOut + ",'type':'" + type + "','ts':1"));
    }
}
