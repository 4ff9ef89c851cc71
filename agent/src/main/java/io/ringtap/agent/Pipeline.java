package io.ringtap.agent;

import io.ringtap.agent.cassandra.CommitLogSegmentDecoder;
import io.ringtap.agent.cassandra.MutationDecoder;
import io.ringtap.agent.commitlog.CaptureSettings;
import io.ringtap.agent.commitlog.CaptureStats;
import io.ringtap.agent.commitlog.CommitLogFollower;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.forward.Forwarder;
import io.ringtap.agent.forward.ForwarderSettings;
import io.ringtap.agent.forward.ForwarderStats;
import io.ringtap.agent.forward.KafkaClients;
import io.ringtap.agent.queue.AppendSignal;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueForwardSource;

import java.time.Duration;

/**
 * The real pipeline's wiring: which components run, in which order, built from what. The queue comes
 * first (capture writes to it, the forwarder reads it), capture only when {@code capture.enabled}, the
 * forwarder only when {@code forward.enabled}. The queue is a resource (no thread); capture and
 * forwarder are run loops.
 *
 * <p>Each factory below builds one component from the context. A factory whose component is not part
 * of this build fails with {@link UnsupportedOperationException}: the agent then reports itself
 * disabled with that reason instead of pretending to run.
 */
final class Pipeline {
    private Pipeline() {
    }

    static RingtapAgent agent(PipelineContext context) {
        RingtapAgent.Builder b = RingtapAgent.builder(context);
        b.resource("queue", Pipeline::queue);
        if (context.config().captureEnabled()) {
            b.component("capture", Pipeline::capture);
        }
        if (context.config().forwardEnabled()) {
            b.component("forwarder", Pipeline::forwarder);
        }
        b.resource("triggers", TriggerGateway::open); // last: triggers see the agent only while everything runs
        return b.build();
    }

    /** The local Chronicle queue (package queue): opens queue.directory, shares it and binds its metrics. */
    private static AutoCloseable queue(PipelineContext context) {
        RingtapConfig config = context.config();
        EventQueue queue = EventQueue.open(config.queueDirectory(), config.queueRollCycle(), config.queueMaxBytes());
        context.share(EventQueue.class, queue);
        context.share(AppendSignal.class, new AppendSignal()); // capture wakes the forwarder on append
        context.metrics().bindQueue(queue);
        return queue;
    }

    /**
     * The cdc_raw follower (package commitlog) over the port's SegmentDecoder (package cassandra),
     * appending to the queue's appender.
     */
    private static RunLoop capture(PipelineContext context) {
        RingtapConfig config = context.config();
        NodeFacts node = context.node();
        CaptureSettings settings = new CaptureSettings(context.cdcRawDirectory(), context.quarantineDirectory())
                .readAhead(config.captureReadAhead())
                .pollIntervalMs(config.capturePollIntervalMs())
                .archiveDirectory(config.archiveRetiredSegments() ? config.archiveDirectory().orElseThrow() : null);
        CaptureStats stats = new CaptureStats();
        context.metrics().bindCapture(stats);
        return new CommitLogFollower(settings,
                new CommitLogSegmentDecoder(new MutationDecoder(), node.hostId(), node.datacenter()),
                context.shared(EventQueue.class), stats, context.shared(AppendSignal.class));
    }

    /**
     * The Kafka forwarder (package forward), tailing the queue through {@link QueueForwardSource}, under the
     * node's host id; its reader is closed once the forwarder's thread ended.
     */
    private static RunLoop forwarder(PipelineContext context) {
        RingtapConfig config = context.config();
        QueueForwardSource source = new QueueForwardSource(context.shared(EventQueue.class),
                Duration.ofHours(config.queueRetentionHours()), context.shared(AppendSignal.class));
        ForwarderStats stats = new ForwarderStats();
        context.metrics().bindForward(stats);
        Forwarder forwarder = new Forwarder(ForwarderSettings.from(config), context.node().hostId(), source,
                KafkaClients.real(), stats);
        return new ClosingRunLoop(forwarder, source);
    }

    /** A run loop that closes what it read from once its thread ended. */
    private static final class ClosingRunLoop implements RunLoop, AutoCloseable {
        private final RunLoop loop;
        private final AutoCloseable resource;

        ClosingRunLoop(RunLoop loop, AutoCloseable resource) {
            this.loop = loop;
            this.resource = resource;
        }

        @Override
        public String name() {
            return loop.name();
        }

        @Override
        public void run() throws InterruptedException {
            loop.run();
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
