package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.TopicReader;
import io.ringtap.lab.fold.FoldJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * Asserts the spec's record shape on every item: ids unique and 32 hex digits, topic {@code ringtap.<ks>.<table>},
     * headers {@code ringtap.id} and {@code ringtap.op}, record key = the event's key with the partition key columns in
     * schema order, capture {@code cdc}.
     */
    void assertRecordsFollowSpec(CqlSession session) {
        Set<String> ids = new HashSet<>();
        for (Item item : items) {
            JsonNode e = item.event();
            assertThat(ids.add(item.id())).as("id sent twice: %s", e).isTrue();
            assertThat(item.id()).matches("[0-9a-f]{32}");
            String ks = e.path("keyspace").asText(), table = e.path("table").asText();
            assertThat(item.record().topic).isEqualTo("ringtap." + ks + "." + table);
            assertThat(item.record().headers).containsEntry("ringtap.id", item.id())
                    .containsEntry("ringtap.op", e.path("op").asText());
            JsonNode key = FoldJson.parse(item.record().key);
            assertThat(key).as("record key of %s", e).isEqualTo(e.path("key"));
            assertThat(fieldNames(key)).as("record key columns in schema order").isEqualTo(partitionKey(session, ks, table));
            assertThat(e.path("source").path("capture").asText()).isEqualTo("cdc");
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static List<String> partitionKey(CqlSession session, String ks, String table) {
        List<String> names = new ArrayList<>();
        for (ColumnMetadata c : session.getMetadata().getKeyspace(ks).orElseThrow().getTable(table).orElseThrow().getPartitionKey()) {
            names.add(c.getName().asInternal());
        }
        return names;
    }
}
