package io.ringtap.triggers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorThrottleTest {

    @Test
    void should_log_first_then_hold_back_until_interval_passed_when_errors_repeat() {
        // Given
        ErrorThrottle throttle = new ErrorThrottle(100, 1_000);

        // When / Then
        assertThat(throttle.acquire(1_000)).isEqualTo(0);
        assertThat(throttle.acquire(1_050)).isEqualTo(-1);
        assertThat(throttle.acquire(1_100)).isEqualTo(-1);
        assertThat(throttle.acquire(1_101)).isEqualTo(2);
        assertThat(throttle.acquire(1_102)).isEqualTo(-1);
    }
}
