package io.ringtap.agent.eav;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id is frozen for format version 1: the golden values below were computed independently from
 * docs/event-id.md (a few lines of Python with hashlib); a change here breaks every consumer.
 */
class EventIdTest {
    private static final Source CDC = Source.cdc("node-a", "analytics", 1763863600001L, 48211);
    private static final Source OTHER = Source.cdc("node-b", "other", 1763863600999L, 7);

    private static EavEventBuilder specExample() {
        return EavEventBuilder.event(Op.CELL, "weather", "raw_data", "{\"wsid\":\"725030:14732\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}")
                .column("temperature").value("-5.6", "double").ts(1763863687123456L);
    }

    @Test
    void should_match_golden_id_when_event_is_the_spec_example() {
        // Given / When
        EavEvent e = specExample().build(CDC);

        // Then
        assertThat(e.id()).isEqualTo("6bd41d977d670147825e292c0644fa9c");
        assertThat(e.json()).isEqualTo("{\"v\":1,\"id\":\"6bd41d977d670147825e292c0644fa9c\",\"op\":\"cell\","
                + "\"keyspace\":\"weather\",\"table\":\"raw_data\",\"key\":{\"wsid\":\"725030:14732\"},"
                + "\"clustering\":{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2},\"column\":\"temperature\","
                + "\"value\":-5.6,\"type\":\"double\",\"ts\":1763863687123456,\"source\":{\"capture\":\"cdc\","
                + "\"node\":\"node-a\",\"dc\":\"analytics\",\"segment\":1763863600001,\"position\":48211}}");
    }

    @Test
    void should_match_golden_id_when_event_is_a_static_set_element_with_ttl() {
        // Given / When
        EavEvent e = EavEventBuilder.event(Op.CELL, "shop", "items", "{\"id\":1}").staticColumn().column("s")
                .path("5").value("null", "int").ts(1000).ttl(60, 1763863747L).build(CDC);

        // Then
        assertThat(e.id()).isEqualTo("c4b655683be8e26169a06e0348073e96");
    }

    @Test
    void should_match_golden_id_when_event_is_a_range_delete() {
        // Given / When
        EavEvent e = EavEventBuilder.event(Op.RANGE_DELETE, "shop", "raw_data", "{\"wsid\":\"725030:14732\"}")
                .range("{\"year\":2026,\"month\":3}", true, "{\"year\":2026,\"month\":7}", false)
                .ts(1763863687123456L).build(CDC);

        // Then
        assertThat(e.id()).isEqualTo("f74fd99f01e6751eddbe126cbcdcaaef");
    }

    @Test
    void should_give_equal_ids_when_only_source_or_expiry_or_type_differ() {
        // Given / When
        EavEvent a = specExample().build(CDC);
        EavEvent b = specExample().build(OTHER);
        EavEvent c = specExample().build(Source.trigger("node-c", "dc3"));

        // Then
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(c.id()).isEqualTo(a.id());
        assertThat(b.json()).isNotEqualTo(a.json());
    }

    @Test
    void should_give_distinct_ids_when_any_id_field_differs() {
        // Given: the spec example and one variant per identity field
        List<EavEventBuilder> variants = new ArrayList<>();
        variants.add(specExample());
        variants.add(EavEventBuilder.event(Op.CELL, "weather2", "raw_data", "{\"wsid\":\"725030:14732\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}").column("temperature")
                .value("-5.6", "double").ts(1763863687123456L));
        variants.add(EavEventBuilder.event(Op.CELL, "weather", "raw_data2", "{\"wsid\":\"725030:14732\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}").column("temperature")
                .value("-5.6", "double").ts(1763863687123456L));
        variants.add(EavEventBuilder.event(Op.CELL_DELETE, "weather", "raw_data", "{\"wsid\":\"725030:14732\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}").column("temperature")
                .ts(1763863687123456L));
        variants.add(EavEventBuilder.event(Op.CELL, "weather", "raw_data", "{\"wsid\":\"725030:14733\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}").column("temperature")
                .value("-5.6", "double").ts(1763863687123456L));
        variants.add(specExample().clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":3}"));
        variants.add(specExample().clustering(null).staticColumn());
        variants.add(specExample().column("humidity"));
        variants.add(specExample().path("\"a\""));
        variants.add(specExample().ts(1763863687123457L));
        variants.add(specExample().ttl(60, 1L));
        variants.add(specExample().value("-5.7", "double"));
        variants.add(specExample().counter("11111111-1111-1111-1111-111111111111", 1));
        variants.add(specExample().clustering(null).range("{\"year\":2026}", true, null, false));
        // field boundaries are length-prefixed: moving text from one field to the next changes the id
        variants.add(EavEventBuilder.event(Op.CELL, "weatherr", "aw_data", "{\"wsid\":\"725030:14732\"}")
                .clustering("{\"year\":2026,\"month\":11,\"day\":23,\"hour\":2}").column("temperature")
                .value("-5.6", "double").ts(1763863687123456L));

        // When
        Set<String> ids = new HashSet<>();
        for (EavEventBuilder v : variants) {
            ids.add(v.build(CDC).id());
        }

        // Then
        assertThat(ids).hasSize(variants.size()).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }
}
