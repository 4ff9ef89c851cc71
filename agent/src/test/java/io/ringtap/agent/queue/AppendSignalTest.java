package io.ringtap.agent.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendSignalTest {

    @Test
    void should_not_lose_a_signal_sent_between_arming_and_waiting() throws Exception {
        // Given an armed reader that has not parked yet
        AppendSignal signal = new AppendSignal();
        signal.arm();

        // When the writer signals before the reader parks for 10 s
        signal.signal();
        long start = System.nanoTime();
        signal.await(TimeUnit.SECONDS.toNanos(10));
        signal.disarm();

        // Then the park returns at once
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void should_throw_interrupted_when_the_reader_is_interrupted() {
        // Given an armed reader with its interrupt flag set
        AppendSignal signal = new AppendSignal();
        signal.arm();
        Thread.currentThread().interrupt();

        // When/Then it waits: the interrupt surfaces (and is consumed)
        assertThatThrownBy(() -> signal.await(TimeUnit.SECONDS.toNanos(10))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
