package io.ringtap.agent;

import java.lang.instrument.Instrumentation;

/** Entry point of {@code -javaagent:ringtap-agent.jar=<path to ringtap.yaml>}. */
public final class Premain {
    private Premain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // placeholder: the capture issue builds the pipeline here
    }
}
