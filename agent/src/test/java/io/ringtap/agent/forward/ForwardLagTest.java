package io.ringtap.agent.forward;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardLagTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void should_measure_age_of_oldest_uncommitted_entry_when_queue_grows_faster_than_forwarding() {
        // Given a queue end seen at 100 (t=0s), 200 (t=10s), 300 (t=20s)
        ForwardLag lag = new ForwardLag();
        lag.seconds(0, 100, ForwardSource.NO_INDEX);
        lag.seconds(10 * S, 200, ForwardSource.NO_INDEX);

        // When entries up to 150 are committed at t=20s
        long seconds = lag.seconds(20 * S, 300, 150);

        // Then the oldest waiting entry was seen at t=10s
        assertThat(seconds).isEqualTo(10);
    }

    @Test
    void should_report_zero_when_caught_up() {
        // Given
        ForwardLag lag = new ForwardLag();
        lag.seconds(0, 100, ForwardSource.NO_INDEX);

        // When
        long seconds = lag.seconds(30 * S, 100, 100);

        // Then
        assertThat(seconds).isZero();
    }
}
