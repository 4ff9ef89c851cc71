package io.ringtap.agent.forward;

/** Capped exponential delay between reconnection attempts, with jitter so restarted nodes do not retry in step. */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long nextMs;
    private int failures;

    Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = Math.max(initialMs, maxMs);
        this.nextMs = initialMs;
    }

    /** The delay to wait after one more failure. */
    long nextDelayMs() {
        failures++;
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        long jitter = (long) (delay * 0.2 * java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        return Math.min(maxMs, delay - jitter);
    }

    int failures() {
        return failures;
    }

    void reset() {
        nextMs = initialMs;
        failures = 0;
    }
}
