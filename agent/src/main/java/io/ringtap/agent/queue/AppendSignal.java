package io.ringtap.agent.queue;

import java.util.concurrent.locks.LockSupport;

/**
 * Lets the queue's one reader thread (the forwarder) sleep until the writer (capture) appended, instead of
 * re-checking the queue every few milliseconds. In the node both ends share one instance; a reader in another
 * process has none and keeps polling. Spurious and early wake-ups are allowed: the reader always re-checks
 * the queue, so the signal only shortens waits, it never decides what is read.
 */
public final class AppendSignal {
    private volatile Thread waiter;

    /** Called by the writer after an append: wakes the reader if it waits. Cheap (one volatile read). */
    public void signal() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Registers the calling thread as the waiter; call before checking the queue, so an append between that
     * check and {@link #await} is not missed (its unpark makes the park return at once).
     */
    void arm() {
        waiter = Thread.currentThread();
    }

    /** Parks the armed thread for at most {@code nanos} or until signalled. */
    void await(long nanos) throws InterruptedException {
        LockSupport.parkNanos(this, nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Stops waking the reader. */
    void disarm() {
        waiter = null;
    }
}
