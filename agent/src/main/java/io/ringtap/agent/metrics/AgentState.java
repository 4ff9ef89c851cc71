package io.ringtap.agent.metrics;

/** Value of the {@code AgentState} gauge. */
public enum AgentState {
    /** 0: waiting for the node to finish starting, or building the pipeline. */
    STARTING(0),
    /** 1: every component runs. */
    RUNNING(1),
    /** 2: not running by configuration: a config problem (see ConfigErrors and the log) or a datacenter not in capture.datacenters. */
    DISABLED(2),
    /** 3: a component stopped on a fatal error (logged at ERROR); the node itself is unaffected. */
    FAILED(3);

    private final int code;

    AgentState(int code) {
        this.code = code;
    }

    /** The gauge value. */
    public int code() {
        return code;
    }
}
