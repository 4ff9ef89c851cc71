package io.ringtap.agent.forward;

import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.metrics.ForwarderState;
import io.ringtap.agent.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The forwarder as a process of its own ({@code forward} command of the agent jar), for nodes whose JVM
 * should hold no Kafka client: the agent runs with {@code forward.enabled: false} and this process, on the
 * same host, reads the same queue. Only one forwarder per node may run at a time; if both do, the later
 * one fences the earlier one, so nothing is duplicated either way. The earlier one normally stops as FAILED
 * (ProducerFencedException); if the fence reaches it as an abortable epoch error instead, it reconnects and
 * fences back, so the two may alternate: a lock on the queue directory should keep a second one out.
 */
public final class ForwarderProcess {
    /** Exit code: stopped on request (SIGTERM/SIGINT). */
    public static final int STOPPED = 0;
    /** Exit code: stopped by a fatal Kafka error (logged). */
    public static final int FAILED = 1;
    /** Exit code: invalid settings (message on stderr). */
    public static final int BAD_CONFIG = 2;

    private static final Logger log = LoggerFactory.getLogger(ForwarderProcess.class);
    private static final long HOST_ID_WAIT_MS = 5000;

    private ForwarderProcess() {
    }

    /**
     * Runs the forwarder until the JVM is asked to stop or a fatal error; returns the process exit code
     * (the caller exits with it). A shutdown hook interrupts the forwarder and waits for it to abort its
     * open transaction and close the producer.
     *
     * @param config the node's validated ringtap.yaml (its {@code forward.enabled} is ignored: the caller asked to forward)
     * @param source the node's queue, opened by the caller (read-only is enough)
     * @param stats  where to publish counters (the caller may expose them; may be a fresh instance)
     */
    public static int run(RingtapConfig config, ForwardSource source, ForwarderStats stats)
            throws InterruptedException {
        ForwarderSettings settings;
        try {
            settings = ForwarderSettings.from(config);
        } catch (IllegalArgumentException e) {
            System.err.println("ringtap forward: invalid settings: " + e.getMessage());
            return BAD_CONFIG;
        }
        String host = config.forwardHostId().orElse(null);
        if (host == null) {
            host = hostIdFromQueue(source, settings.pollTimeoutMs * 5);
            if (host == null) {
                log.info("ringtap forwarder process: waiting for the queue's first entry to learn the node's host id "
                        + "(or set forward.host-id: the node's host id, nodetool info)");
            }
            while (host == null) {
                host = hostIdFromQueue(source, HOST_ID_WAIT_MS);
            }
        }
        Forwarder forwarder = new Forwarder(settings, host.trim(), source, KafkaClients.real(), stats);
        Thread worker = new Thread(() -> {
            try {
                forwarder.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ringtap-" + forwarder.name());
        long stopWaitMs = settings.closeTimeoutMs + 10_000;
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                worker.join(stopWaitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ringtap-forward-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("ringtap forwarder process started for node {} (topics {}, offsets topic {})", host,
                settings.topicTemplate(), settings.offsetsTopic());
        worker.start();
        worker.join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stopped us
        }
        return stats.state.get() == ForwarderState.FAILED ? FAILED : STOPPED;
    }

    /** The node of the queue's oldest entry (every entry of a node's queue carries its host id), or null if the queue stays empty. */
    public static String hostIdFromQueue(ForwardSource source, long waitMs) throws InterruptedException {
        source.startAfter(ForwardSource.NO_INDEX);
        QueueEntry first = source.poll(waitMs, TimeUnit.MILLISECONDS);
        return first == null ? null : first.source().node();
    }
}
