package io.ringtap.lab.workload;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A keyspace's replication, as the CQL map of {@code CREATE KEYSPACE ... WITH replication = ...}. */
public record Replication(String cql) {

    public static Replication simple(int replicationFactor) {
        return new Replication("{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
    }

    /** NetworkTopologyStrategy with a factor per datacenter (e.g. only the analytics ring). */
    public static Replication networkTopology(Map<String, Integer> factors) {
        StringJoiner j = new StringJoiner(", ", "{'class': 'NetworkTopologyStrategy', ", "}");
        new TreeMap<>(factors).forEach((dc, rf) -> j.add("'" + dc + "': " + rf));
        return new Replication(j.toString());
    }

    String createKeyspace(String keyspace) {
        return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + cql;
    }
}
