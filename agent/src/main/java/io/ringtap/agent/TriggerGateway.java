package io.ringtap.agent;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.queue.EventQueue;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the ringtap trigger (module {@code ringtap-triggers}, loaded by Cassandra's trigger class loader,
 * whose parent is the application class loader that holds this {@code -javaagent} jar) finds the running
 * agent of its JVM. A JVM-wide, static hand-off because Cassandra instantiates triggers itself.
 *
 * <p>The composition root publishes the gateway ({@link #open}) as its last resource, once the queue is
 * open and capture and forwarder run, and withdraws it first when it stops; between those moments
 * {@link #current()} returns it. {@link #configure} records {@code triggers.on-missing-agent} as soon as a
 * config is loaded, so a trigger on a node where the agent loaded its config but does not run (datacenter
 * not captured, node problems, failed start) still follows the configured setting.
 *
 * <p>Thread-safe: triggers call it from the coordinator's request threads.
 */
public final class TriggerGateway {
    private static volatile TriggerGateway current;
    private static volatile String onMissingAgent;
    private static final AtomicLong uncapturedWrites = new AtomicLong();

    private final EventQueue queue;
    private final String hostId;
    private final String datacenter;

    TriggerGateway(EventQueue queue, String hostId, String datacenter) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.datacenter = Objects.requireNonNull(datacenter, "datacenter");
    }

    /**
     * The pipeline resource that publishes the gateway over the queue an earlier resource shared as
     * {@link EventQueue}; closing it withdraws the gateway.
     */
    static AutoCloseable open(PipelineContext context) {
        configure(context.config().triggersOnMissingAgent());
        return publish(context.shared(EventQueue.class), context.node().hostId(), context.node().datacenter());
    }

    /**
     * Publishes a gateway over {@code queue} for the node {@code hostId} in {@code datacenter}; closing the
     * returned handle withdraws it (only if it is still the current one). Public for tests and tools; the
     * agent publishes through {@link #open}.
     */
    public static AutoCloseable publish(EventQueue queue, String hostId, String datacenter) {
        TriggerGateway g = new TriggerGateway(queue, hostId, datacenter);
        synchronized (TriggerGateway.class) {
            current = g;
        }
        return () -> {
            synchronized (TriggerGateway.class) {
                if (current == g) {
                    current = null;
                }
            }
        };
    }

    /** The running agent's gateway, or {@code null} when no agent runs capture in this JVM. */
    public static TriggerGateway current() {
        return current;
    }

    /** Records the agent's {@code triggers.on-missing-agent} ({@code fail} or {@code skip-with-error}). */
    public static void configure(String value) {
        onMissingAgent = value;
    }

    /** The agent's {@code triggers.on-missing-agent}, or {@code null} when no agent loaded a config. */
    public static String configuredOnMissingAgent() {
        return onMissingAgent;
    }

    /** Counts a write the trigger let through without capturing it (metric {@code TriggerWritesUncaptured}). */
    public static void countUncapturedWrite() {
        uncapturedWrites.incrementAndGet();
    }

    /** Writes let through by the trigger without capture since the JVM started. */
    public static long uncapturedWrites() {
        return uncapturedWrites.get();
    }

    /** The node's host id, for {@code source.node}. */
    public String hostId() {
        return hostId;
    }

    /** The node's datacenter, for {@code source.dc}. */
    public String datacenter() {
        return datacenter;
    }

    /**
     * Appends one captured mutation to the agent's queue. Never waits for space, unlike capture: a
     * request thread must not block, so while the queue is over {@code queue.max-bytes} (re-measured at
     * most every 100 ms, by one request thread while the others keep the last answer) the append is refused.
     * Between two measurements a queue that just became full can still make one append wait for space, as
     * capture's appends do.
     *
     * @throws QueueFullException   when the queue is over {@code queue.max-bytes}; nothing was written
     * @throws InterruptedException when the calling thread is interrupted; nothing was written
     */
    public void append(CapturedMutation mutation) throws InterruptedException, QueueFullException {
        // the queue's cached answer (one thread re-measures every 100 ms): when every request thread measured
        // at once they queued up on the measuring monitor (JFR: ~180 ms per write, write timeouts)
        if (queue.overCapCached()) {
            throw new QueueFullException("the ringtap queue in " + queue.directory()
                    + " is over queue.max-bytes (is the forwarder behind?)");
        }
        queue.append(mutation);
    }

    /** The queue is over {@code queue.max-bytes}: a trigger cannot append without blocking its request thread. */
    public static final class QueueFullException extends Exception {
        public QueueFullException(String message) {
            super(message);
        }
    }
}
