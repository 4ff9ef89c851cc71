package io.ringtap.agent.queue;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;

import java.util.List;

/** One queue excerpt read back: a captured mutation's events with the queue index that identifies it. */
public final class QueueEntry {
    private final long index;
    private final Source source;
    private final List<EavEvent> events;

    public QueueEntry(long index, Source source, List<EavEvent> events) {
        this.index = index;
        this.source = source;
        this.events = List.copyOf(events);
    }

    /** Chronicle's index of the excerpt: increasing in queue order, not contiguous across roll cycles. */
    public long index() { return index; }
    public Source source() { return source; }
    public List<EavEvent> events() { return events; }
}
