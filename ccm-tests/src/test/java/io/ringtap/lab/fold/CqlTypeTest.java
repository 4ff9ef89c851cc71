package io.ringtap.lab.fold;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CqlTypeTest {
    @Test
    void should_round_trip_cql_text_when_parsing_nested_types() {
        CqlType udt = CqlType.udt("address", new LinkedHashMap<>(Map.of("street", CqlType.parse("text"))), false);
        for (String t : new String[] {"map<int, frozen<list<text>>>", "vector<float, 3>", "tuple<int, text, frozen<set<uuid>>>",
                "frozen<address>", "address", "list<frozen<address>>"}) {
            assertThat(CqlType.parse(t, Map.of("address", udt)).cql()).isEqualTo(t);
        }
        assertThat(CqlType.parse("frozen<address>", Map.of("address", udt)).isMultiCell()).isFalse();
        assertThat(CqlType.parse("address", Map.of("address", udt)).isMultiCell()).isTrue();
        assertThat(CqlType.parse("counter").isCounter()).isTrue();
    }

    @Test
    void should_order_like_cassandra_when_comparing_typed_json() {
        assertThat(ValueOrder.compare(CqlType.parse("int"), FoldJson.parse("-1"), FoldJson.parse("2"))).isNegative();
        assertThat(ValueOrder.compareSerialized(CqlType.parse("int"), FoldJson.parse("-1"), FoldJson.parse("2"))).isPositive();
        assertThat(ValueOrder.compare(CqlType.parse("timestamp"), FoldJson.parse("\"2026-01-02 00:00:00.000Z\""),
                FoldJson.parse("\"2025-12-31 23:59:59.999Z\""))).isPositive();
        assertThat(ValueOrder.compare(CqlType.parse("blob"), FoldJson.parse("\"0x01\""), FoldJson.parse("\"0x0100\""))).isNegative();
        assertThat(ValueOrder.compare(CqlType.parse("decimal"), FoldJson.parse("1.0"), FoldJson.parse("1"))).isZero();
        assertThat(ValueOrder.compare(CqlType.parse("frozen<list<int>>"), FoldJson.parse("[1,2]"), FoldJson.parse("[1,2,0]"))).isNegative();
    }
}
