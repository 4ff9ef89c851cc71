package io.ringtap.bench.latency;

import io.ringtap.bench.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyMatcherTest {

    @Test
    void should_measure_ack_to_first_sighting_when_keys_match() {
        // Given: three writes of the run, acked at 1, 2 and 3 ms
        LatencyMatcher m = new LatencyMatcher(100, 199);
        m.acked(100, 1_000_000);
        m.acked(101, 2_000_000);
        m.acked(102, 3_000_000);

        // When: events are seen, 101 twice (a second event of the same write), 102 never
        m.seen(100, 11_000_000);
        m.seen(101, 52_000_000);
        m.seen(101, 90_000_000);

        // Then: one sample per seen write, from its first sighting; 102 is missing
        Samples lat = m.latenciesMillis();
        assertThat(lat.values()).containsExactlyInAnyOrder(10.0, 50.0);
        assertThat(m.missing()).isEqualTo(1);
        assertThat(m.allSeen(3)).isFalse();
    }

    @Test
    void should_ignore_keys_of_other_runs_when_matching() {
        // Given: a run of keys 100..101
        LatencyMatcher m = new LatencyMatcher(100, 101);

        // When: a late event of an earlier run and a write outside the range arrive
        m.seen(42, 5_000_000);
        m.acked(500, 1_000_000);
        m.acked(100, 1_000_000);
        m.seen(100, 4_000_000);

        // Then: only the run's own key counts
        assertThat(m.ackedCount()).isEqualTo(1);
        assertThat(m.latenciesMillis().values()).containsExactly(3.0);
        assertThat(m.allSeen(1)).isTrue();
    }

    @Test
    void should_keep_negative_samples_when_the_event_is_seen_before_the_ack_callback() {
        // Given / When: the consumer saw the event 2 ms before the driver's callback ran
        LatencyMatcher m = new LatencyMatcher(0, 10);
        m.seen(1, 8_000_000);
        m.acked(1, 10_000_000);

        // Then
        assertThat(m.latenciesMillis().values()).containsExactly(-2.0);
    }

    @Test
    void should_read_the_id_when_the_record_key_is_the_partition_key_json() {
        assertThat(EventWatcher.keyOf("{\"id\":10000042}")).isEqualTo(10000042L);
        assertThat(EventWatcher.keyOf("{\"id\": -3}")).isEqualTo(-3L);
        assertThat(EventWatcher.keyOf("{\"other\":1}")).isEqualTo(-1L);
        assertThat(EventWatcher.keyOf(null)).isEqualTo(-1L);
    }
}
