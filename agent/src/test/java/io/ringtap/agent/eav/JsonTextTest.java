package io.ringtap.agent.eav;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void should_drop_whitespace_only_outside_strings_when_compacting() {
        // Given: what Cassandra's map encoder writes
        String json = "{\"a b\": [1.0E10, \"x\\\" y\"], \"c\": {\"d\" : null}}";

        // When
        String compact = JsonText.compact(json);

        // Then
        assertThat(compact).isEqualTo("{\"a b\":[1.0E10,\"x\\\" y\"],\"c\":{\"d\":null}}");
    }

    @Test
    void should_return_same_text_when_already_compact() {
        // Given / When / Then
        assertThat(JsonText.compact("\"a\\\\\"")).isEqualTo("\"a\\\\\"");
        assertThat(JsonText.compact("-5.6")).isEqualTo("-5.6");
    }

    @Test
    void should_escape_names_when_building_object() {
        // Given / When
        String object = JsonText.object(List.of("Quoted\"Name", "é"), List.of("1", "\"v\""));

        // Then
        assertThat(object).isEqualTo("{\"Quoted\\\"Name\":1,\"é\":\"v\"}");
    }
}
