package io.ringtap.lab.workload;

import java.util.List;

/** DDL of the every-op-and-type workload: every CQL type of Cassandra 5.0, every key shape, all {@code cdc = true}. */
final class EveryOpSchema {
    private EveryOpSchema() {}

    static List<String> ddl(String ks) {
        return List.of(
                "CREATE TYPE IF NOT EXISTS " + ks + ".address (street text, city text, zip int)",
                // every native type, plus tuple and vector, as single cells
                "CREATE TABLE IF NOT EXISTS " + ks + ".types (id int PRIMARY KEY, a_ascii ascii, a_bigint bigint, a_blob blob, "
                        + "a_boolean boolean, a_date date, a_decimal decimal, a_double double, a_duration duration, a_float float, "
                        + "a_inet inet, a_int int, a_smallint smallint, a_text text, a_time time, a_timestamp timestamp, "
                        + "a_timeuuid timeuuid, a_tinyint tinyint, a_tuple tuple<int, text>, a_uuid uuid, a_varchar varchar, "
                        + "a_varint varint, a_vector vector<float, 3>) WITH cdc = true",
                // frozen and non-frozen collections and UDTs
                "CREATE TABLE IF NOT EXISTS " + ks + ".collections (id int PRIMARY KEY, l list<int>, s set<text>, "
                        + "m map<int, text>, fl frozen<list<int>>, fs frozen<set<text>>, fm frozen<map<text, int>>, "
                        + "u address, fu frozen<address>) WITH cdc = true",
                // composite partition key, composite clustering with a DESC column, a static column
                "CREATE TABLE IF NOT EXISTS " + ks + ".clustered (tenant text, shard int, day date, seq int, tag text, "
                        + "owner text static, note text, score int, PRIMARY KEY ((tenant, shard), day, seq, tag)) "
                        + "WITH CLUSTERING ORDER BY (day ASC, seq DESC, tag ASC) AND cdc = true",
                "CREATE TABLE IF NOT EXISTS " + ks + ".counters (name text, bucket int, hits counter, misses counter, "
                        + "PRIMARY KEY ((name), bucket)) WITH cdc = true");
    }

    static List<String> tables() {
        return List.of("types", "collections", "clustered", "counters");
    }
}
