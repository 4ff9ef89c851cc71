package io.ringtap.lab.workload;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringtap.lab.fold.CqlType;
import io.ringtap.lab.fold.Fold;
import io.ringtap.lab.fold.RowComparison;
import io.ringtap.lab.fold.TableSchema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the workload against a recording session and folds its own expectations: they must tell a consistent story. */
class EveryOpWorkloadTest {
    static final long NOW = 1_900_000_000L;

    static CqlSession recordingSession(List<String> executed) {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        Object a = args[0];
                        executed.add(a instanceof Statement<?> st ? ((com.datastax.oss.driver.api.core.cql.SimpleStatement) st).getQuery() : a.toString());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static WorkloadRecord run(List<String> executed) {
        return new EveryOpWorkload("ks").run(recordingSession(executed), Replication.simple(1));
    }

    @Test
    void should_create_cdc_tables_and_run_every_statement_when_run() {
        // Given / When
        List<String> executed = new ArrayList<>();
        WorkloadRecord r = run(executed);
        // Then every DDL has cdc and every statement was executed after the DDL, in order
        assertThat(executed.get(0)).startsWith("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(executed.stream().filter(s -> s.startsWith("CREATE TABLE"))).hasSize(4).allMatch(s -> s.contains("cdc = true"));
        assertThat(executed.subList(executed.size() - r.statements().size(), executed.size())).isEqualTo(r.statements());
        assertThat(r.tables()).containsExactly("types", "collections", "clustered", "counters");
        // And the synthesized events of the expectations are all expected, none left over
        assertThat(ExpectedEvent.unexpected(r.expectations(), synthesize(r.expectations()))).isEmpty();
        assertThat(ExpectedEvent.unmatched(r.expectations(), synthesize(r.expectations()))).isEmpty();
        // And every op of the spec has an expectation
        assertThat(r.expectations()).extracting(e -> e.fields().get("op").asText()).contains(
                "row", "cell", "cell_delete", "collection_delete", "row_delete", "range_delete", "partition_delete");
    }

    @Test
    void should_fold_expectations_into_the_rows_cassandra_would_show() {
        // Given the expectations turned into events (ids for list cells, server timestamps and counter shards made up)
        WorkloadRecord r = run(new ArrayList<>());
        List<JsonNode> events = synthesize(r.expectations());
        // When folded per table / Then the rows are what the CQL semantics give
        assertRows(types(), events, List.of(
                "{\"id\":1,\"a_ascii\":\"abc\",\"a_bigint\":9223372036854775807,\"a_blob\":\"0xcafe\",\"a_boolean\":true,"
                        + "\"a_date\":\"2026-11-23\",\"a_decimal\":12.340,\"a_double\":-5.6,\"a_duration\":\"1h2m3s\",\"a_float\":1.5,"
                        + "\"a_inet\":\"127.0.0.1\",\"a_int\":43,\"a_smallint\":7,\"a_text\":null,\"a_time\":\"02:03:04.123456789\","
                        + "\"a_timestamp\":\"2026-11-23 02:00:00.000Z\",\"a_timeuuid\":\"50554d6e-29bb-11e5-b345-feff819cdc9f\","
                        + "\"a_tinyint\":-3,\"a_tuple\":[1,\"one\"],\"a_uuid\":\"6ab09bec-e68e-48d9-a5f8-97e6fb4c9b47\","
                        + "\"a_varchar\":\"vc\",\"a_varint\":123456789012345678901234567890,\"a_vector\":[1.0,2.5,-3.0]}",
                "{\"id\":2,\"a_int\":1,\"a_text\":\"ttl\"}",
                "{\"id\":3,\"a_bigint\":1}",
                "{\"id\":10,\"a_text\":\"batch\"}"));
        assertRows(collections(), events, List.of(
                "{\"id\":1,\"l\":[2,5],\"s\":null,\"m\":null,\"fl\":[7],\"fs\":[\"x\"],\"fm\":{\"k\":1},"
                        + "\"u\":{\"street\":\"Main\",\"city\":null,\"zip\":102},\"fu\":{\"street\":\"Side\",\"city\":\"Rome\",\"zip\":202}}",
                "{\"id\":2}"));
        assertRows(clustered(), events, List.of(
                "{\"tenant\":\"acme\",\"shard\":1,\"day\":\"2026-11-01\",\"seq\":3,\"tag\":\"a\",\"owner\":\"alice\",\"note\":\"n3\",\"score\":30}",
                "{\"tenant\":\"acme\",\"shard\":1,\"day\":\"2026-11-01\",\"seq\":1,\"tag\":\"a\",\"owner\":\"alice\",\"note\":\"n1\",\"score\":10}",
                "{\"tenant\":\"acme\",\"shard\":1,\"day\":\"2026-11-03\",\"seq\":1,\"tag\":\"c\",\"owner\":\"alice\",\"note\":\"n1\",\"score\":10}",
                "{\"tenant\":\"solo\",\"shard\":3,\"owner\":\"bob\"}",
                "{\"tenant\":\"batch\",\"shard\":1,\"day\":\"2026-11-05\",\"seq\":1,\"tag\":\"z\",\"note\":\"in batch\"}"));
        assertRows(counters(), events, List.of(
                "{\"name\":\"page\",\"bucket\":1,\"hits\":3}",
                "{\"name\":\"page\",\"bucket\":2,\"hits\":10,\"misses\":1}"));
    }

    private static void assertRows(TableSchema schema, List<JsonNode> events, List<String> expectedSelect) {
        Fold f = new Fold(schema);
        for (JsonNode e : events) if (f.accepts(e)) f.apply(e);
        RowComparison.Result result = RowComparison.compare(schema, expectedSelect, f.rows(NOW));
        assertThat(result.matches()).as(result.diff()).isTrue();
    }

    /** Fills the {@code any} fields: list cell ids in order of writing (the index delete hits the first), late server ts. */
    static List<JsonNode> synthesize(List<ExpectedEvent> expectations) {
        List<JsonNode> out = new ArrayList<>();
        long listCell = 0, clock = 0;
        for (ExpectedEvent e : expectations) {
            ObjectNode ev = e.fields();
            for (String f : e.anyFields()) {
                switch (f) {
                    case "ts" -> ev.put("ts", EveryOpWorkload.DEFAULT_BASE_TS + 1_000_000);
                    case "expires_at" -> ev.put("expires_at", NOW + 1000);
                    case "counter" -> ev.putObject("counter").put("shard", "00000000-0000-0000-0000-000000000001").put("clock", ++clock);
                    case "path" -> ev.put("path", Uuids.startOf(ev.get("op").asText().equals("cell_delete") ? 1 : ++listCell).toString());
                    case "type" -> ev.put("type", "tuple<int, text>");
                    default -> throw new IllegalStateException(f);
                }
            }
            out.add(ev);
        }
        return out;
    }

    static TableSchema types() {
        TableSchema.Builder b = TableSchema.builder("ks", "types").partitionKey("id", "int");
        String[][] cols = {{"a_ascii", "ascii"}, {"a_bigint", "bigint"}, {"a_blob", "blob"}, {"a_boolean", "boolean"},
                {"a_date", "date"}, {"a_decimal", "decimal"}, {"a_double", "double"}, {"a_duration", "duration"},
                {"a_float", "float"}, {"a_inet", "inet"}, {"a_int", "int"}, {"a_smallint", "smallint"}, {"a_text", "text"},
                {"a_time", "time"}, {"a_timestamp", "timestamp"}, {"a_timeuuid", "timeuuid"}, {"a_tinyint", "tinyint"},
                {"a_tuple", "tuple<int, text>"}, {"a_uuid", "uuid"}, {"a_varchar", "text"}, {"a_varint", "varint"},
                {"a_vector", "vector<float, 3>"}};
        for (String[] c : cols) b.regular(c[0], c[1]);
        return b.build();
    }

    static TableSchema collections() {
        Map<String, CqlType> fields = new LinkedHashMap<>();
        fields.put("street", CqlType.parse("text"));
        fields.put("city", CqlType.parse("text"));
        fields.put("zip", CqlType.parse("int"));
        return TableSchema.builder("ks", "collections").udt(CqlType.udt("address", fields, false))
                .partitionKey("id", "int").regular("l", "list<int>").regular("s", "set<text>").regular("m", "map<int, text>")
                .regular("fl", "frozen<list<int>>").regular("fs", "frozen<set<text>>").regular("fm", "frozen<map<text, int>>")
                .regular("u", "address").regular("fu", "frozen<address>").build();
    }

    static TableSchema clustered() {
        return TableSchema.builder("ks", "clustered").partitionKey("tenant", "text").partitionKey("shard", "int")
                .clustering("day", "date").clusteringDesc("seq", "int").clustering("tag", "text")
                .staticColumn("owner", "text").regular("note", "text").regular("score", "int").build();
    }

    static TableSchema counters() {
        return TableSchema.builder("ks", "counters").partitionKey("name", "text").clustering("bucket", "int")
                .regular("hits", "counter").regular("misses", "counter").build();
    }
}
