package io.ringtap.agent.forward;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One queue entry as the forwarder sees it: the events of one captured mutation, in order, with the
 * queue index that identifies the entry. The forwarder never splits an entry across Kafka transactions.
 */
public final class QueuedEntry {
    private final long index;
    private final Source source;
    private final List<EavEvent> events;

    /**
     * @param index  the entry's queue index; strictly increasing in queue order (not necessarily contiguous)
     * @param source where the entry's mutation was captured
     * @param events the entry's events in emission order (may be empty)
     */
    public QueuedEntry(long index, Source source, List<EavEvent> events) {
        this.index = index;
        this.source = Objects.requireNonNull(source, "source");
        this.events = Collections.unmodifiableList(List.copyOf(events));
    }

    public long index() { return index; }
    public Source source() { return source; }
    public List<EavEvent> events() { return events; }

    /** Approximate in-memory size, for the forwarder's byte bound on batches. */
    long approximateBytes() {
        long bytes = 64;
        for (EavEvent event : events) {
            bytes += 2L * (event.json().length() + event.recordKey().length()) + 96;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "QueuedEntry{index=" + index + ", events=" + events.size() + "}";
    }
}
