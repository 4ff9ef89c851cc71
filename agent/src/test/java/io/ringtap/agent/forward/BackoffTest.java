package io.ringtap.agent.forward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void should_double_up_to_cap_and_restart_when_reset() {
        // Given
        Backoff backoff = new Backoff(100, 1000);

        // When
        long[] delays = new long[6];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.nextDelayMs();
        }
        backoff.reset();
        long afterReset = backoff.nextDelayMs();

        // Then (jitter takes at most 20% off)
        assertThat(delays[0]).isBetween(80L, 100L);
        assertThat(delays[1]).isBetween(160L, 200L);
        assertThat(delays[2]).isBetween(320L, 400L);
        assertThat(delays[5]).isBetween(800L, 1000L);
        assertThat(afterReset).isBetween(80L, 100L);
        assertThat(backoff.failures()).isEqualTo(1);
    }
}
