package io.ringtap.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:ringtap-agent.jar=<path to ringtap.yaml>}.
 *
 * <p>{@code premain} only starts the daemon thread {@code ringtap-boot} (see {@link AgentBoot}) and
 * returns. This class references JDK classes only: loading it must not load Cassandra, logging or any
 * other class (an agent class that fails to link aborts the JVM, and Cassandra's static initialisation
 * order must stay untouched). It never throws.
 */
public final class Premain {
    private Premain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        try {
            String configFile = args == null || args.trim().isEmpty() ? null : args.trim();
            Thread boot = new Thread(() -> boot(configFile), "ringtap-boot");
            boot.setDaemon(true);
            boot.start();
        } catch (Throwable t) {
            // logging is not set up yet and must not be initialised from here
            System.err.println("ringtap agent disabled: cannot start the boot thread: " + t);
        }
    }

    private static void boot(String configFile) {
        try {
            AgentBoot.run(configFile);
        } catch (Throwable t) {
            // AgentBoot handles its own errors; this catches only classes that fail to load
            System.err.println("ringtap agent disabled: cannot start: " + t);
        }
    }
}
