package io.ringtap.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatioTableTest {

    @Test
    void should_report_medians_and_ratios_to_the_first_config_when_runs_alternate() {
        // Given: alternating runs A/B/A/B/A/B
        RatioTable t = new RatioTable();
        t.add("A", 100).add("B", 95).add("A", 110).add("B", 90).add("A", 90).add("B", 200);

        // When / Then: medians per config, B relative to A (the first one added)
        assertThat(t.configs()).containsExactly("A", "B");
        assertThat(t.median("A")).isEqualTo(100.0);
        assertThat(t.median("B")).isEqualTo(95.0);
        assertThat(t.ratio("B")).isCloseTo(0.95, within(1e-9));
        assertThat(t.ratio("A")).isEqualTo(1.0);
    }
}
