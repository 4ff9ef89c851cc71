package io.ringtap.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTest {

    @Test
    void should_take_the_middle_value_when_the_count_is_odd() {
        // Given
        Samples s = new Samples().add(9).add(1).add(5).add(7).add(3);
        // When / Then
        assertThat(s.median()).isEqualTo(5.0);
    }

    @Test
    void should_average_the_two_middle_values_when_the_count_is_even() {
        Samples s = new Samples().add(4).add(1).add(3).add(2);
        assertThat(s.median()).isEqualTo(2.5);
    }

    @Test
    void should_use_nearest_rank_when_asked_for_a_percentile() {
        // Given 1..100
        Samples s = new Samples();
        for (int i = 100; i >= 1; i--) {
            s.add(i);
        }
        // Then
        assertThat(s.percentile(50)).isEqualTo(50.0);
        assertThat(s.percentile(99)).isEqualTo(99.0);
        assertThat(s.percentile(100)).isEqualTo(100.0);
        assertThat(s.percentile(0.1)).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(s.min()).isEqualTo(1.0);
    }

    @Test
    void should_refuse_when_there_are_no_samples() {
        assertThatThrownBy(() -> new Samples().median()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Samples().add(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
