package io.ringtap.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.CdcPosition;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the status reports about the queue, read from an open (read-only) queue. */
final class QueueFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueFacts() {
    }

    static Map<String, Object> describe(EventQueue queue, Instant now, Console console) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", queue.directory().toString());
        m.put("bytes", queue.bytes());
        m.put("entries", queue.entries());
        Optional<CdcPosition> last = queue.lastCdcPosition();
        Map<String, Object> pos = null;
        if (last.isPresent()) {
            pos = new LinkedHashMap<>();
            pos.put("segment", last.get().segment());
            pos.put("position", last.get().position());
        }
        m.put("last_cdc_position", pos);
        Long newest = newestEventTs(lastEntry(queue, console));
        m.put("newest_event_ts", newest);
        m.put("capture_lag_seconds", newest == null ? null : ageSeconds(newest, now));
        return m;
    }

    /** Seconds from a {@code ts} (microseconds since the epoch) to now, never negative. */
    static long ageSeconds(long tsMicros, Instant now) {
        return Math.max(0, now.getEpochSecond() - tsMicros / 1_000_000L);
    }

    /** The queue's last entry, or null when it is empty. */
    static QueueEntry lastEntry(EventQueue queue, Console console) {
        long last = queue.lastIndex();
        if (last < 0) {
            return null;
        }
        // within a roll cycle indexes are consecutive: start just before the last one
        try (EventQueue.QueueReader r = queue.readerAfter(last - 1)) {
            QueueEntry e = r.next();
            if (e != null && e.index() == last) {
                return e;
            }
        } catch (IllegalArgumentException firstOfItsCycle) {
            // the last entry opens its cycle: scan instead
        }
        return scanToLast(queue, console);
    }

    private static QueueEntry scanToLast(EventQueue queue, Console console) {
        long total = queue.entries();
        long seen = 0;
        QueueEntry lastSeen = null;
        try (EventQueue.QueueReader r = queue.reader()) {
            for (QueueEntry e = r.next(); e != null; e = r.next()) {
                lastSeen = e;
                if (console.interactive() && ++seen % 100_000 == 0) {
                    console.err().print("\rreading the queue: " + seen + " / " + total + " entries");
                    console.err().flush();
                }
            }
        }
        if (console.interactive() && seen >= 100_000) {
            console.err().println();
        }
        return lastSeen;
    }

    /** The newest {@code ts} among an entry's events; null for no entry or no ts. */
    static Long newestEventTs(QueueEntry entry) {
        return entry == null ? null : ts(entry.events(), true);
    }

    /** The oldest or newest {@code ts} of the events. */
    static Long ts(List<EavEvent> events, boolean newest) {
        Long best = null;
        for (EavEvent e : events) {
            try {
                JsonNode ts = JSON.readTree(e.json()).get("ts");
                if (ts != null && ts.canConvertToLong()) {
                    long v = ts.asLong();
                    if (best == null || (newest ? v > best : v < best)) {
                        best = v;
                    }
                }
            } catch (IOException malformed) {
                // the spec says every event has a ts: skip one that does not parse
            }
        }
        return best;
    }
}
