package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Cassandra mutations into EAV events (shared/spec/eav-event.md). Pure and stateless: the same
 * mutation always gives the same events, and the instance may be shared between threads.
 */
public final class MutationDecoder {

    /**
     * The events of every table in the mutation that has {@code cdc = true} and is not in a system keyspace
     * (any keyspace whose name starts with {@code system}), in the mutation's order of partition updates.
     *
     * @return the events with {@code source}, or {@code null} when no table of the mutation is captured
     * @throws IllegalStateException when a value cannot be decoded (its message names the table, never a value)
     */
    public CapturedMutation decode(Mutation mutation, Source source) {
        if (isSystemKeyspace(mutation.getKeyspaceName())) {
            return null;
        }
        List<EavEvent> events = null;
        for (PartitionUpdate update : mutation.getPartitionUpdates()) {
            if (!isCaptured(update.metadata())) {
                continue;
            }
            if (events == null) {
                events = new ArrayList<>();
            }
            events.addAll(decode(update, source));
        }
        return events == null || events.isEmpty() ? null : new CapturedMutation(source, events);
    }

    /**
     * The events of one partition update, whatever its table's cdc flag (trigger capture).
     * <p>
     * A counter cell that has not been applied yet (what a trigger sees) holds a delta, not a shard: it comes
     * out as one {@code cell} whose {@code value} is the delta, with Cassandra's update marker as its
     * {@code counter} ({@code shard} {@code 00000000-0000-0000-c000-000000000000}, {@code clock} 1). Commit-log
     * mutations always hold applied shards.
     *
     * @return the events in the order described by {@link PartitionEvents}; empty for an empty update
     * @throws IllegalStateException when a value cannot be decoded (its message names the table, never a value)
     */
    public List<EavEvent> decode(PartitionUpdate update, Source source) {
        try {
            return PartitionEvents.of(update, source);
        } catch (RuntimeException e) {
            // the cause's message may quote column values: keep only its class (values never reach logs)
            TableMetadata t = update.metadata();
            throw new IllegalStateException("cannot decode a partition update of " + t.keyspace + "." + t.name
                    + " (" + t.id + "): " + e.getClass().getName());
        }
    }

    /** Whether a table's mutations are captured from the commit log. */
    public static boolean isCaptured(TableMetadata table) {
        return table.params.cdc && !isSystemKeyspace(table.keyspace);
    }

    static boolean isSystemKeyspace(String keyspace) {
        return keyspace.startsWith("system");
    }
}
