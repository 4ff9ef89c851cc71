package io.ringtap.lab.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The "every op and type" workload: tables covering every CQL type of Cassandra 5.0 and every key shape,
 * and statements exercising every op of the EAV spec. Values are fixed and most statements carry an explicit
 * {@code USING TIMESTAMP} (base + n), so the events they must produce are stated exactly in
 * {@link WorkloadRecord#expectations()}. Exceptions, marked {@code any} in their expectations: list cell ids
 * (server-made timeuuids), counters (no custom timestamps; shard and clock are the node's), a list element
 * delete by index and one plain UPDATE (server timestamps). A {@code type} is Cassandra's own CQL text of the
 * type ({@code CQL3Type.toString()}): a tuple reads {@code frozen<tuple<int, text>>}, a varchar {@code text}.
 *
 * <p>The expectations are meant to be complete: every event the statements produce on a node that holds a
 * replica is expected, so an IT can check both {@link ExpectedEvent#unmatched} and {@link ExpectedEvent#unexpected}
 * on one node's events of this keyspace.
 *
 * <p>The expectations come from the spec and from Cassandra's documented write semantics (an INSERT or an
 * overwrite of a non-frozen collection first clears it at ts - 1), never from decoder output.
 */
public final class EveryOpWorkload {
    /** 2025-11-22T08:26:40Z in microseconds: below any server timestamp of a lab run, so server writes win. */
    public static final long DEFAULT_BASE_TS = 1_763_800_000_000_000L;
    public static final int TTL = 86_400;

    private final String ks;
    private final long t;
    private final ConsistencyLevel consistency;
    private final List<String> statements = new ArrayList<>();
    private final List<ExpectedEvent> expectations = new ArrayList<>();

    /**
     * @param keyspace    the keyspace to create and fill
     * @param baseTs      timestamp base of the explicit {@code USING TIMESTAMP}s
     * @param consistency of every write, {@code null} for the session's default
     */
    public EveryOpWorkload(String keyspace, long baseTs, ConsistencyLevel consistency) {
        this.ks = keyspace;
        this.t = baseTs;
        this.consistency = consistency;
    }

    public EveryOpWorkload(String keyspace) {
        this(keyspace, DEFAULT_BASE_TS, null);
    }

    /** Creates the keyspace, type and tables (idempotent). */
    public void createSchema(CqlSession session, Replication replication) {
        session.execute(replication.createKeyspace(ks));
        for (String ddl : EveryOpSchema.ddl(ks)) session.execute(ddl);
    }

    /** Creates the schema and runs every statement once; returns what was written and what it must produce. */
    public WorkloadRecord run(CqlSession session, Replication replication) {
        createSchema(session, replication);
        statements.clear();
        expectations.clear();
        types(session);
        collections(session);
        clustered(session);
        batch(session);
        counters(session);
        return new WorkloadRecord(ks, EveryOpSchema.tables(), statements, expectations);
    }

    private void types(CqlSession s) {
        String key = "{'id':1}";
        String insert = "INSERT INTO " + ks + ".types (id, a_ascii, a_bigint, a_blob, a_boolean, a_date, a_decimal, a_double, "
                + "a_duration, a_float, a_inet, a_int, a_smallint, a_text, a_time, a_timestamp, a_timeuuid, a_tinyint, a_tuple, "
                + "a_uuid, a_varchar, a_varint, a_vector) VALUES (1, 'abc', 9223372036854775807, 0xcafe, true, '2026-11-23', "
                + "12.340, -5.6, 1h2m3s, 1.5, '127.0.0.1', -42, 7, 'héllo ☃', '02:03:04.123456789', '2026-11-23 02:00:00.000+0000', "
                + "50554d6e-29bb-11e5-b345-feff819cdc9f, -3, (1, 'one'), 6ab09bec-e68e-48d9-a5f8-97e6fb4c9b47, 'vc', "
                + "123456789012345678901234567890, [1.0, 2.5, -3.0]) USING TIMESTAMP " + (t + 1);
        exec(s, insert);
        expect(ev("row", "types", insert).key(key).ts(t + 1));
        String[][] cells = {
                {"a_ascii", "'abc'", "ascii"}, {"a_bigint", "9223372036854775807", "bigint"}, {"a_blob", "'0xcafe'", "blob"},
                {"a_boolean", "true", "boolean"}, {"a_date", "'2026-11-23'", "date"}, {"a_decimal", "12.340", "decimal"},
                {"a_double", "-5.6", "double"}, {"a_duration", "'1h2m3s'", "duration"}, {"a_float", "1.5", "float"},
                {"a_inet", "'127.0.0.1'", "inet"}, {"a_int", "-42", "int"}, {"a_smallint", "7", "smallint"},
                {"a_text", "'héllo ☃'", "text"}, {"a_time", "'02:03:04.123456789'", "time"},
                {"a_timestamp", "'2026-11-23 02:00:00.000Z'", "timestamp"},
                {"a_timeuuid", "'50554d6e-29bb-11e5-b345-feff819cdc9f'", "timeuuid"}, {"a_tinyint", "-3", "tinyint"},
                {"a_tuple", "[1,'one']", "frozen<tuple<int, text>>"}, {"a_uuid", "'6ab09bec-e68e-48d9-a5f8-97e6fb4c9b47'", "uuid"},
                {"a_varchar", "'vc'", "text"}, {"a_varint", "123456789012345678901234567890", "varint"},
                {"a_vector", "[1.0,2.5,-3.0]", "vector<float, 3>"}};
        for (String[] c : cells) {
            expect(ev("cell", "types", insert).key(key).column(c[0]).value(c[1]).type(c[2]).ts(t + 1));
        }

        String ttl = "INSERT INTO " + ks + ".types (id, a_int, a_text) VALUES (2, 1, 'ttl') USING TTL " + TTL
                + " AND TIMESTAMP " + (t + 2);
        exec(s, ttl);
        expect(ev("row", "types", ttl).key("{'id':2}").ts(t + 2).ttl(TTL));
        expect(ev("cell", "types", ttl).key("{'id':2}").column("a_int").value("1").type("int").ts(t + 2).ttl(TTL));
        expect(ev("cell", "types", ttl).key("{'id':2}").column("a_text").value("'ttl'").type("text").ts(t + 2).ttl(TTL));

        String update = "UPDATE " + ks + ".types USING TIMESTAMP " + (t + 3) + " SET a_int = 43 WHERE id = 1";
        exec(s, update);
        expect(ev("cell", "types", update).key(key).column("a_int").value("43").type("int").ts(t + 3));

        String cellDelete = "DELETE a_text FROM " + ks + ".types USING TIMESTAMP " + (t + 4) + " WHERE id = 1";
        exec(s, cellDelete);
        expect(ev("cell_delete", "types", cellDelete).key(key).column("a_text").ts(t + 4));

        String serverTs = "UPDATE " + ks + ".types SET a_bigint = 1 WHERE id = 3";
        exec(s, serverTs);
        expect(ev("cell", "types", serverTs).key("{'id':3}").column("a_bigint").value("1").type("bigint").any("ts"));
    }

    private void collections(CqlSession s) {
        String key = "{'id':1}";
        String insert = "INSERT INTO " + ks + ".collections (id, l, s, m, fl, fs, fm, u, fu) VALUES (1, [1, 2], {'a', 'b'}, "
                + "{1: 'one', 2: 'two'}, [3, 4], {'x'}, {'k': 1}, {street: 'Main', city: 'Oslo', zip: 101}, "
                + "{street: 'Side', city: 'Rome', zip: 202}) USING TIMESTAMP " + (t + 10);
        exec(s, insert);
        expect(ev("row", "collections", insert).key(key).ts(t + 10));
        for (String c : List.of("l", "s", "m", "u")) {
            expect(ev("collection_delete", "collections", insert).key(key).column(c).ts(t + 9));
        }
        for (String v : List.of("1", "2")) {
            expect(ev("cell", "collections", insert).key(key).column("l").any("path").value(v).type("int").ts(t + 10));
        }
        for (String e : List.of("'a'", "'b'")) {
            expect(ev("cell", "collections", insert).key(key).column("s").path(e).nullValue().type("text").ts(t + 10));
        }
        expect(ev("cell", "collections", insert).key(key).column("m").path("1").value("'one'").type("text").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("m").path("2").value("'two'").type("text").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("u").path("'street'").value("'Main'").type("text").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("u").path("'city'").value("'Oslo'").type("text").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("u").path("'zip'").value("101").type("int").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("fl").value("[3,4]").type("frozen<list<int>>").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("fs").value("['x']").type("frozen<set<text>>").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("fm").value("{'k':1}").type("frozen<map<text, int>>").ts(t + 10));
        expect(ev("cell", "collections", insert).key(key).column("fu").value("{'street':'Side','city':'Rome','zip':202}")
                .type("frozen<address>").ts(t + 10));

        String append = "UPDATE " + ks + ".collections USING TIMESTAMP " + (t + 11)
                + " SET m = m + {3: 'three'}, s = s + {'c'}, l = l + [5] WHERE id = 1";
        exec(s, append);
        expect(ev("cell", "collections", append).key(key).column("m").path("3").value("'three'").type("text").ts(t + 11));
        expect(ev("cell", "collections", append).key(key).column("s").path("'c'").nullValue().type("text").ts(t + 11));
        expect(ev("cell", "collections", append).key(key).column("l").any("path").value("5").type("int").ts(t + 11));

        // the overwrite clears at ts - 1 = t + 11, which also removes the element 3 appended at t + 11
        String overwrite = "UPDATE " + ks + ".collections USING TIMESTAMP " + (t + 12) + " SET m = {9: 'nine'} WHERE id = 1";
        exec(s, overwrite);
        expect(ev("collection_delete", "collections", overwrite).key(key).column("m").ts(t + 11));
        expect(ev("cell", "collections", overwrite).key(key).column("m").path("9").value("'nine'").type("text").ts(t + 12));

        // leaves the map empty: SELECT shows null
        String mapElementDelete = "DELETE m[9] FROM " + ks + ".collections USING TIMESTAMP " + (t + 13) + " WHERE id = 1";
        exec(s, mapElementDelete);
        expect(ev("cell_delete", "collections", mapElementDelete).key(key).column("m").path("9").ts(t + 13));

        String setElementDelete = "UPDATE " + ks + ".collections USING TIMESTAMP " + (t + 14) + " SET s = s - {'a'} WHERE id = 1";
        exec(s, setElementDelete);
        expect(ev("cell_delete", "collections", setElementDelete).key(key).column("s").path("'a'").ts(t + 14));

        // by index: Cassandra reads the list first and deletes that cell id, at the server's timestamp
        String listElementDelete = "DELETE l[0] FROM " + ks + ".collections WHERE id = 1";
        exec(s, listElementDelete);
        expect(ev("cell_delete", "collections", listElementDelete).key(key).column("l").any("path", "ts"));

        String udtField = "UPDATE " + ks + ".collections USING TIMESTAMP " + (t + 15) + " SET u.zip = 102 WHERE id = 1";
        exec(s, udtField);
        expect(ev("cell", "collections", udtField).key(key).column("u").path("'zip'").value("102").type("int").ts(t + 15));

        String udtFieldDelete = "DELETE u.city FROM " + ks + ".collections USING TIMESTAMP " + (t + 16) + " WHERE id = 1";
        exec(s, udtFieldDelete);
        expect(ev("cell_delete", "collections", udtFieldDelete).key(key).column("u").path("'city'").ts(t + 16));

        String wholeDelete = "DELETE s FROM " + ks + ".collections USING TIMESTAMP " + (t + 17) + " WHERE id = 1";
        exec(s, wholeDelete);
        expect(ev("collection_delete", "collections", wholeDelete).key(key).column("s").ts(t + 17));

        String frozenOverwrite = "UPDATE " + ks + ".collections USING TIMESTAMP " + (t + 18) + " SET fl = [7] WHERE id = 1";
        exec(s, frozenOverwrite);
        expect(ev("cell", "collections", frozenOverwrite).key(key).column("fl").value("[7]").type("frozen<list<int>>").ts(t + 18));

        String emptyInsert = "INSERT INTO " + ks + ".collections (id, m) VALUES (2, {}) USING TIMESTAMP " + (t + 19);
        exec(s, emptyInsert);
        expect(ev("row", "collections", emptyInsert).key("{'id':2}").ts(t + 19));
        expect(ev("collection_delete", "collections", emptyInsert).key("{'id':2}").column("m").ts(t + 18));
    }

    private void clustered(CqlSession s) {
        String acme = "{'tenant':'acme','shard':1}";
        for (int seq = 1; seq <= 5; seq++) insertClustered(s, "acme", 1, "2026-11-01", seq, "a", t + 20);
        for (int seq = 1; seq <= 3; seq++) insertClustered(s, "acme", 1, "2026-11-02", seq, "b", t + 20);
        insertClustered(s, "acme", 1, "2026-11-03", 1, "c", t + 20);
        insertClustered(s, "acme", 1, "2026-11-04", 1, "d", t + 20);
        insertClustered(s, "gone", 2, "2026-11-01", 1, "a", t + 20);

        String staticCell = "UPDATE " + ks + ".clustered USING TIMESTAMP " + (t + 21)
                + " SET owner = 'alice' WHERE tenant = 'acme' AND shard = 1";
        exec(s, staticCell);
        expect(ev("cell", "clustered", staticCell).key(acme).isStatic().column("owner").value("'alice'").type("text").ts(t + 21));

        String rowDelete = "DELETE FROM " + ks + ".clustered USING TIMESTAMP " + (t + 22)
                + " WHERE tenant = 'acme' AND shard = 1 AND day = '2026-11-01' AND seq = 2 AND tag = 'a'";
        exec(s, rowDelete);
        expect(ev("row_delete", "clustered", rowDelete).key(acme).clustering("{'day':'2026-11-01','seq':2,'tag':'a'}").ts(t + 22));

        // seq is DESC: in clustering order the range starts at 5 (inclusive) and ends at 3 (exclusive)
        String range = "DELETE FROM " + ks + ".clustered USING TIMESTAMP " + (t + 23)
                + " WHERE tenant = 'acme' AND shard = 1 AND day = '2026-11-01' AND seq > 3 AND seq <= 5";
        exec(s, range);
        expect(ev("range_delete", "clustered", range).key(acme).ts(t + 23).range(
                "{'start':{'clustering':{'day':'2026-11-01','seq':5},'inclusive':true},"
                        + "'end':{'clustering':{'day':'2026-11-01','seq':3},'inclusive':false}}"));

        String prefix = "DELETE FROM " + ks + ".clustered USING TIMESTAMP " + (t + 24)
                + " WHERE tenant = 'acme' AND shard = 1 AND day = '2026-11-02'";
        exec(s, prefix);
        expect(ev("range_delete", "clustered", prefix).key(acme).ts(t + 24).range(
                "{'start':{'clustering':{'day':'2026-11-02'},'inclusive':true},"
                        + "'end':{'clustering':{'day':'2026-11-02'},'inclusive':true}}"));

        String openEnd = "DELETE FROM " + ks + ".clustered USING TIMESTAMP " + (t + 25)
                + " WHERE tenant = 'acme' AND shard = 1 AND day > '2026-11-03'";
        exec(s, openEnd);
        expect(ev("range_delete", "clustered", openEnd).key(acme).ts(t + 25).range(
                "{'start':{'clustering':{'day':'2026-11-03'},'inclusive':false}}"));

        String partition = "DELETE FROM " + ks + ".clustered USING TIMESTAMP " + (t + 26) + " WHERE tenant = 'gone' AND shard = 2";
        exec(s, partition);
        expect(ev("partition_delete", "clustered", partition).key("{'tenant':'gone','shard':2}").ts(t + 26));

        // a partition with only static data: SELECT shows one row with null clustering columns
        String staticOnly = "UPDATE " + ks + ".clustered USING TIMESTAMP " + (t + 27)
                + " SET owner = 'bob' WHERE tenant = 'solo' AND shard = 3";
        exec(s, staticOnly);
        expect(ev("cell", "clustered", staticOnly).key("{'tenant':'solo','shard':3}").isStatic().column("owner")
                .value("'bob'").type("text").ts(t + 27));
    }

    private void insertClustered(CqlSession s, String tenant, int shard, String day, int seq, String tag, long ts) {
        String cql = "INSERT INTO " + ks + ".clustered (tenant, shard, day, seq, tag, note, score) VALUES ('" + tenant + "', "
                + shard + ", '" + day + "', " + seq + ", '" + tag + "', 'n" + seq + "', " + seq * 10 + ") USING TIMESTAMP " + ts;
        exec(s, cql);
        String key = "{'tenant':'" + tenant + "','shard':" + shard + "}";
        String ck = "{'day':'" + day + "','seq':" + seq + ",'tag':'" + tag + "'}";
        expect(ev("row", "clustered", cql).key(key).clustering(ck).ts(ts));
        expect(ev("cell", "clustered", cql).key(key).clustering(ck).column("note").value("'n" + seq + "'").type("text").ts(ts));
        expect(ev("cell", "clustered", cql).key(key).clustering(ck).column("score").value(Integer.toString(seq * 10))
                .type("int").ts(ts));
    }

    private void batch(CqlSession s) {
        String batch = "BEGIN BATCH USING TIMESTAMP " + (t + 30)
                + " INSERT INTO " + ks + ".types (id, a_text) VALUES (10, 'batch');"
                + " INSERT INTO " + ks + ".clustered (tenant, shard, day, seq, tag, note) VALUES ('batch', 1, '2026-11-05', 1, 'z', 'in batch');"
                + " APPLY BATCH";
        exec(s, batch);
        expect(ev("row", "types", batch).key("{'id':10}").ts(t + 30));
        expect(ev("cell", "types", batch).key("{'id':10}").column("a_text").value("'batch'").type("text").ts(t + 30));
        String key = "{'tenant':'batch','shard':1}", ck = "{'day':'2026-11-05','seq':1,'tag':'z'}";
        expect(ev("row", "clustered", batch).key(key).clustering(ck).ts(t + 30));
        expect(ev("cell", "clustered", batch).key(key).clustering(ck).column("note").value("'in batch'").type("text").ts(t + 30));
    }

    private void counters(CqlSession s) {
        String inc = "UPDATE " + ks + ".counters SET hits = hits + 5 WHERE name = 'page' AND bucket = 1";
        String dec = "UPDATE " + ks + ".counters SET hits = hits - 2 WHERE name = 'page' AND bucket = 1";
        String two = "UPDATE " + ks + ".counters SET misses = misses + 1, hits = hits + 10 WHERE name = 'page' AND bucket = 2";
        exec(s, inc);
        exec(s, dec);
        exec(s, two);
        // the commit log holds the resulting shard count, not the increment: 5, then 3
        expect(counter(inc, 1, "hits", 5));
        expect(counter(dec, 1, "hits", 3));
        expect(counter(two, 2, "misses", 1));
        expect(counter(two, 2, "hits", 10));
    }

    private ExpectedEvent.Builder counter(String cql, int bucket, String column, long value) {
        return ev("cell", "counters", cql).key("{'name':'page'}").clustering("{'bucket':" + bucket + "}").column(column)
                .value(Long.toString(value)).type("counter").any("ts", "counter");
    }

    private ExpectedEvent.Builder ev(String op, String table, String statement) {
        return ExpectedEvent.of(op, ks, table).statement(statement);
    }

    private void expect(ExpectedEvent.Builder b) {
        expectations.add(b.build());
    }

    private void exec(CqlSession s, String cql) {
        SimpleStatement st = SimpleStatement.newInstance(cql);
        if (consistency != null) st = st.setConsistencyLevel(consistency);
        s.execute(st);
        statements.add(cql);
    }
}
