package io.ringtap.agent;

/**
 * A component's work loop. The composition root runs each one on a daemon thread of its own named
 * {@code ringtap-<name>} and stops it by interrupting that thread.
 */
public interface RunLoop {

    /** The component name; its thread is {@code ringtap-<name>}. */
    String name();

    /**
     * Works until interrupted. An interrupt (or {@link InterruptedException}) means stop: return
     * promptly. A fatal error is logged once at ERROR by this method, reported in metrics, and then it
     * returns: it never throws into the thread.
     */
    void run() throws InterruptedException;
}
