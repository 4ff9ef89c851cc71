package io.ringtap.agent.forward;

/** The forwarder's life cycle, exposed as the ForwarderState metric by its {@link #code()}. */
public enum ForwarderState {
    /** Created, or (re)connecting to Kafka: init transactions, read the committed position. */
    STARTING(0),
    /** Shipping the queue (or caught up and waiting for entries). */
    RUNNING(1),
    /** A retriable Kafka error: waiting before reconnecting. Entries wait in the queue. */
    BACKING_OFF(2),
    /** Stopped on request. */
    STOPPED(3),
    /** Stopped by a fatal error (fenced by another forwarder, authorization, configuration); logged at ERROR. */
    FAILED(4);

    private final int code;

    ForwarderState(int code) {
        this.code = code;
    }

    /** Stable numeric code for gauges. */
    public int code() {
        return code;
    }
}
