package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.forward.ForwarderProcess;
import io.ringtap.agent.forward.ForwarderStats;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueForwardSource;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code forward <ringtap.yaml>}: the forwarder as a process of its own, on the queue of the node whose
 * config it reads (see {@link ForwarderProcess}). The node must run with {@code forward.enabled: false}.
 * The queue is opened read-only: Chronicle lets other processes tail a queue while the node appends.
 */
final class ForwardCommand {
    static final int BAD_CONFIG = ForwarderProcess.BAD_CONFIG;
    private static final long QUEUE_WAIT_MS = 1000;

    private ForwardCommand() {
    }

    static int run(Path configFile, ConfigLoader loader, PrintStream err) throws InterruptedException {
        Optional<RingtapConfig> loaded = ConfigFile.load(loader, configFile, "forward", err);
        if (!loaded.isPresent()) {
            return BAD_CONFIG;
        }
        RingtapConfig config = loaded.get();
        Path dir = config.queueDirectory();
        if (!EventQueue.exists(dir)) {
            // a service manager may start this before the node has captured anything: wait, do not exit
            err.println("ringtap forward: waiting for a queue in " + dir
                    + " (queue.directory; no .cq4 file yet): is the node's agent capturing?");
            while (!EventQueue.exists(dir)) {
                Thread.sleep(QUEUE_WAIT_MS);
            }
        }
        if (config.forwardEnabled()) {
            err.println("ringtap forward: warning: forward.enabled is true in " + configFile + ": the node's own forwarder "
                    + "and this process will fence each other; set forward.enabled: false on the node");
        }
        try (EventQueue queue = EventQueue.openReadOnly(dir, config.queueRollCycle(), config.queueMaxBytes());
             QueueForwardSource source = new QueueForwardSource(queue, Duration.ofHours(config.queueRetentionHours()))) {
            return ForwarderProcess.run(config, source, new ForwarderStats());
        }
    }
}
