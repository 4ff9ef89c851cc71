package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.partitions.PartitionUpdate;

import java.util.List;

/** Turns Cassandra mutations into EAV events (placeholder signature: the decoder work fills it in). */
public final class MutationDecoder {

    /** The events of every CDC-enabled, non-system table in the mutation; {@code null} when there are none. */
    public CapturedMutation decode(Mutation mutation, Source source) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The events of one partition update, whatever the table's cdc flag (trigger capture). */
    public List<EavEvent> decode(PartitionUpdate update, Source source) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
