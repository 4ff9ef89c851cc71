package io.ringtap.agent.forward;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import io.ringtap.agent.eav.Source;
import io.ringtap.agent.queue.QueueEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An in-memory queue: entries with indexes 10, 20, 30... (not contiguous, like Chronicle's). */
final class FakeQueue implements ForwardSource {
    static final String HOST = "0b1f7f4e-0000-4000-8000-000000000001";

    final List<QueueEntry> entries = new CopyOnWriteArrayList<>();
    final List<Long> startedAfter = new CopyOnWriteArrayList<>();
    volatile long forwarded = NO_INDEX;
    private int next;

    /** Appends an entry with {@code events} cell events on table ks.t, partition key k = the entry number. */
    QueueEntry append(int events) {
        int n = entries.size() + 1;
        List<EavEvent> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add(event(n, i));
        }
        QueueEntry entry = new QueueEntry(n * 10L, Source.cdc(HOST, "dc1", 1000L, n * 100), list);
        entries.add(entry);
        return entry;
    }

    static EavEvent event(int entry, int i) {
        String id = String.format("%016x%016x", entry, i);
        String key = "{\"k\":" + entry + "}";
        String json = "{\"v\":1,\"id\":\"" + id + "\",\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\",\"key\":" + key
                + ",\"column\":\"c" + i + "\",\"value\":" + i + ",\"type\":\"int\",\"ts\":1}";
        return new EavEvent(id, Op.CELL, "ks", "t", key, json);
    }

    @Override
    public synchronized void startAfter(long index) {
        startedAfter.add(index);
        next = 0;
        while (next < entries.size() && entries.get(next).index() <= index) {
            next++;
        }
    }

    @Override
    public QueueEntry poll(long maxWait, TimeUnit unit) throws InterruptedException {
        synchronized (this) {
            if (next < entries.size()) {
                return entries.get(next++);
            }
        }
        Thread.sleep(Math.min(unit.toMillis(maxWait), 5));
        return null;
    }

    @Override
    public long lastIndex() {
        return entries.isEmpty() ? NO_INDEX : entries.get(entries.size() - 1).index();
    }

    @Override
    public long entriesAfter(long index) {
        return entries.stream().filter(e -> e.index() > index).count();
    }

    @Override
    public void forwarded(long index) {
        forwarded = index;
    }
}
