package io.ringtap.lab.forward;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.TopicReader;
import io.ringtap.lab.fold.FoldJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a {@code read_committed} consumer sees on ringtap's topics of some keyspaces: each record with its event
 * parsed, and the checks of the spec's "On Kafka" and "Once, and in order" sections that every forward IT shares.
 */
final class Forwarded {
    /** A consumed record and its value parsed as an event. */
    record Item(TopicReader.Record record, JsonNode event) {
        String id() { return event.path("id").asText(); }
        String node() { return event.path("source").path("node").asText(); }
    }

    private final List<Item> items;

    private Forwarded(List<Item> items) {
        this.items = items;
    }

    /**
     * Reads every committed record of {@code ringtap.<ks>.*} for the given keyspaces until at least {@code atLeast}
     * arrived and nothing new came for 3 s (or {@code timeout}).
     */
    static Forwarded read(String bootstrap, int atLeast, Duration timeout, String... keyspaces) {
        Pattern topics = Pattern.compile("ringtap\\.(" + String.join("|", keyspaces) + ")\\..+");
        List<Item> items = new ArrayList<>();
        for (TopicReader.Record r : TopicReader.readAll(bootstrap, topics, atLeast, Duration.ofSeconds(3), timeout)) {
            items.add(new Item(r, FoldJson.parse(r.value)));
        }
        return new Forwarded(items);
    }

    List<Item> items() {
        return items;
    }

    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (Item i : items) out.add(i.event());
        return out;
    }

    List<JsonNode> events(String keyspace) {
        List<JsonNode> out = new ArrayList<>();
        for (Item i : items) if (keyspace.equals(i.event().path("keyspace").asText())) out.add(i.event());
        return out;
    }

    /** One event per id (the first seen): what a consumer deduplicating by id folds. */
    List<JsonNode> distinctById() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Item i : items) byId.putIfAbsent(i.id(), i.event());
        return new ArrayList<>(byId.values());
    }

    /** Ids that one node sent more than once, with their counts. */
    Map<String, Integer> duplicateIdsPerNode() {
        Map<String, Integer> counts = new HashMap<>();
        for (Item i : items) counts.merge(i.node() + "/" + i.id(), 1, Integer::sum);
        Map<String, Integer> dups = new LinkedHashMap<>();
        counts.forEach((k, n) -> { if (n > 1) dups.put(k, n); });
        return dups;
    }

    /**
     * Records breaking the spec's order: per node and record key (one key goes to one partition), events in partition
     * offset order must have non-decreasing (segment, position). Returns readable violations (empty when in order).
     */
    List<String> orderViolations() {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.<Item, String>comparing(i -> i.record().topic)
                .thenComparingInt(i -> i.record().partition).thenComparingLong(i -> i.record().offset));
        Map<String, long[]> last = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Item i : sorted) {
            JsonNode src = i.event().path("source");
            long[] here = {src.path("segment").asLong(), src.path("position").asLong()};
            String k = i.record().topic + "|" + i.node() + "|" + i.record().key;
            long[] before = last.put(k, here);
            if (before != null && (here[0] < before[0] || (here[0] == before[0] && here[1] < before[1]))) {
                out.add(k + ": (" + here[0] + "," + here[1] + ") after (" + before[0] + "," + before[1] + ") at offset "
                        + i.record().offset);
            }
        }
        return out;
    }
}
