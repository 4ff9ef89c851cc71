package io.ringtap.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {

    @Test
    void should_override_defaults_when_options_are_given() {
        Args a = Args.parse(new String[] {"--runs", "2"}, new LinkedHashMap<>(Map.of("runs", "5")));

        assertThat(a.integer("runs")).isEqualTo(2);
        assertThat(a.help()).isFalse();
        assertThat(a.describe()).isEqualTo("--runs 2");
    }

    @Test
    void should_refuse_an_unknown_option_when_parsing() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--rnus", "2"}, Map.of("runs", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rnus");
    }
}
