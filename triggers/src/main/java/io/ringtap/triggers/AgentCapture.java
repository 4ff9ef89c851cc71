package io.ringtap.triggers;

import io.ringtap.agent.TriggerGateway;
import io.ringtap.agent.cassandra.MutationDecoder;
import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.schema.TableMetadata;

import java.util.List;

/**
 * Every use of the agent's classes by the trigger, kept out of {@link RingtapTrigger} so that a JVM without
 * the agent jar fails here with a {@link LinkageError} the trigger can catch, not when loading the trigger.
 */
final class AgentCapture {
    private static final MutationDecoder DECODER = new MutationDecoder();

    private AgentCapture() {
    }

    /**
     * Decodes {@code update} and appends it to the running agent's queue.
     *
     * @return {@code null} when captured (or nothing to capture), else why it could not be captured (no values)
     */
    static String capture(PartitionUpdate update) {
        TriggerGateway gateway = TriggerGateway.current();
        if (gateway == null) {
            return "the ringtap agent is not running on this node";
        }
        TableMetadata table = update.metadata();
        if (table.isCounter()) {
            // a trigger sees the counter delta, not the shards the event format carries (see docs/triggers.md)
            return "counter tables cannot be captured by the ringtap trigger (drop the trigger, use CDC)";
        }
        Source source = Source.trigger(gateway.hostId(), gateway.datacenter());
        List<EavEvent> events;
        try {
            events = DECODER.decode(update, source);
        } catch (IllegalStateException e) {
            return e.getMessage(); // names the table, never a value
        }
        if (events.isEmpty()) {
            return null;
        }
        try {
            gateway.append(new CapturedMutation(source, events));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while appending to the ringtap queue";
        } catch (TriggerGateway.QueueFullException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "the ringtap queue failed: " + e.getClass().getName();
        }
    }

    /** The agent's configured {@code triggers.on-missing-agent}, or {@code null}. */
    static String configuredOnMissingAgent() {
        return TriggerGateway.configuredOnMissingAgent();
    }

    static void countUncaptured() {
        TriggerGateway.countUncapturedWrite();
    }
}
