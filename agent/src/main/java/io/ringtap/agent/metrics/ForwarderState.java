package io.ringtap.agent.metrics;

/** Value of the {@code ForwarderState} gauge. */
public enum ForwarderState {
    /** 0: not running (disabled, not started yet, or stopped). */
    STOPPED(0),
    /** 1: connected to Kafka and forwarding (or idle at the queue's end). */
    FORWARDING(1),
    /** 2: Kafka unavailable or failing: backing off and retrying; events wait in the queue. */
    RETRYING(2),
    /** 3: stopped on a fatal error (e.g. fenced by another forwarder with the same transactional id). */
    FAILED(3),
    /** 4: connecting to Kafka (init transactions, reading the committed position), at start or after a retry wait. */
    STARTING(4);

    private final int code;

    ForwarderState(int code) {
        this.code = code;
    }

    /** The gauge value. */
    public int code() {
        return code;
    }
}
