package io.ringtap.agent;

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
        throw new UnsupportedOperationException("the queue component is not part of this build");
    }

    /**
     * The cdc_raw follower (package commitlog) over the port's SegmentDecoder (package cassandra),
     * appending to the queue's appender.
     */
    private static RunLoop capture(PipelineContext context) {
        throw new UnsupportedOperationException("the capture component is not part of this build");
    }

    /** The Kafka forwarder (package forward), tailing the queue. */
    private static RunLoop forwarder(PipelineContext context) {
        throw new UnsupportedOperationException("the forwarder component is not part of this build");
    }
}
