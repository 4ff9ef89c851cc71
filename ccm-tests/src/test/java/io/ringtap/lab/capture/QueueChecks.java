package io.ringtap.lab.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.RingtapProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** What the capture ITs check on a node's queue: waiting for events, and the spec's "source" and order promises. */
final class QueueChecks {
    private QueueChecks() {
    }

    /**
     * Dumps node {@code n}'s queue every second or two until {@code done} holds for its events (returns them) or
     * {@code timeout} passes (returns the last dump, so the caller's assertions show what was missing).
     */
    static List<JsonNode> awaitEvents(Lab lab, int n, Predicate<List<JsonNode>> done, Duration timeout) throws InterruptedException {
        RingtapProbe probe = new RingtapProbe(lab);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> events = probe.queueEvents(n);
        while (!done.test(events) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            events = probe.queueEvents(n);
        }
        return events;
    }

    /** Events of the given keyspaces. */
    static List<JsonNode> ofKeyspaces(Collection<JsonNode> events, Set<String> keyspaces) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (keyspaces.contains(e.path("keyspace").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Events whose {@code source} is not a cdc capture of this node (host id, dc) with a segment and position. */
    static List<JsonNode> badSources(Collection<JsonNode> events, String hostId, String dc) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode s = e.path("source");
            boolean ok = "cdc".equals(s.path("capture").asText())
                    && hostId.equals(s.path("node").asText())
                    && dc.equals(s.path("dc").asText())
                    && s.path("segment").isIntegralNumber() && s.path("segment").asLong() > 0
                    && s.path("position").isIntegralNumber() && s.path("position").asLong() > 0
                    && e.path("v").asInt() == 1
                    && e.path("id").asText().matches("[0-9a-f]{32}");
            if (!ok) {
                out.add(e);
            }
        }
        return out;
    }

    /** Lines describing each place where an event's (segment, position) is below an earlier one of the same partition key. */
    static List<String> orderViolations(List<JsonNode> events) {
        Map<String, long[]> last = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String key = e.path("keyspace").asText() + "." + e.path("table").asText() + " " + e.path("key");
            long seg = e.path("source").path("segment").asLong();
            long pos = e.path("source").path("position").asLong();
            long[] prev = last.get(key);
            if (prev != null && (seg < prev[0] || seg == prev[0] && pos < prev[1])) {
                out.add(key + ": (" + seg + ", " + pos + ") after (" + prev[0] + ", " + prev[1] + "): " + e);
            }
            last.put(key, new long[]{seg, pos});
        }
        return out;
    }

    /** Events whose (segment, position, id) equals an earlier event's: the same commit-log entry queued twice. */
    static List<JsonNode> duplicatedEntries(List<JsonNode> events) {
        Set<String> seen = new HashSet<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode s = e.path("source");
            if (!seen.add(s.path("segment").asLong() + ":" + s.path("position").asLong() + ":" + e.path("id").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Events grouped by id, only the ids that occur more than once. */
    static Map<String, List<JsonNode>> repeatedIds(List<JsonNode> events) {
        Map<String, List<JsonNode>> byId = new HashMap<>();
        for (JsonNode e : events) {
            byId.computeIfAbsent(e.path("id").asText(), k -> new ArrayList<>()).add(e);
        }
        byId.values().removeIf(l -> l.size() < 2);
        return byId;
    }
}
