package io.ringtap.lab.workload;

import io.ringtap.lab.fold.FoldJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedEventTest {
    static final ExpectedEvent CELL = ExpectedEvent.of("cell", "ks", "t").key("{'id':1}").column("d").value("1.50")
            .type("double").ts(7).statement("UPDATE ...").build();

    @Test
    void should_match_when_content_equal_and_ignore_id_source_and_number_text() {
        // Given the event as a decoder would write it, with id and source
        String event = "{\"v\":1,\"id\":\"ab\",\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\",\"key\":{\"id\":1},"
                + "\"column\":\"d\",\"value\":1.5,\"type\":\"double\",\"ts\":7,\"source\":{\"capture\":\"cdc\"}}";
        // When / Then
        assertThat(CELL.matches(FoldJson.parse(event))).isTrue();
    }

    @Test
    void should_not_match_when_a_content_field_differs_or_is_extra() {
        String base = "\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\",\"key\":{\"id\":1},\"column\":\"d\",\"value\":1.5,\"type\":\"double\"";
        assertThat(CELL.matches(FoldJson.parse("{" + base + ",\"ts\":8}"))).isFalse();
        assertThat(CELL.matches(FoldJson.parse("{" + base + ",\"ts\":7,\"ttl\":5}"))).isFalse();
        assertThat(CELL.matches(FoldJson.parse("{" + base + "}"))).isFalse();
    }

    @Test
    void should_require_presence_only_when_field_is_declared_any() {
        ExpectedEvent listCell = ExpectedEvent.of("cell", "ks", "t").key("{'id':1}").column("l").any("path", "ts")
                .value("5").type("int").build();
        String with = "{\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\",\"key\":{\"id\":1},\"column\":\"l\","
                + "\"path\":\"6d1f0a00-0000-1000-8000-000000000000\",\"value\":5,\"type\":\"int\",\"ts\":99}";
        assertThat(listCell.matches(FoldJson.parse(with))).isTrue();
        assertThat(listCell.matches(FoldJson.parse(with.replace(",\"ts\":99", "")))).isFalse();
        assertThat(ExpectedEvent.unmatched(List.of(listCell, CELL), List.of(FoldJson.parse(with))))
                .singleElement().asString().contains("\"column\":\"d\"").contains("UPDATE ...");
    }
}
