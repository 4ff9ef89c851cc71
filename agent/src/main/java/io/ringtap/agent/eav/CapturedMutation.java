package io.ringtap.agent.eav;

import java.util.List;
import java.util.Objects;

/**
 * All EAV events of one Cassandra mutation (one keyspace, one partition key, possibly several tables),
 * in the order the decoder produced them, plus where it was captured. The unit the queue stores
 * atomically: one queue excerpt per captured mutation.
 */
public final class CapturedMutation {
    private final Source source;
    private final List<EavEvent> events;

    public CapturedMutation(Source source, List<EavEvent> events) {
        this.source = Objects.requireNonNull(source, "source");
        this.events = List.copyOf(events);
    }

    public Source source() { return source; }
    public List<EavEvent> events() { return events; }
}
