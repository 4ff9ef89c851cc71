package io.ringtap.lab.fold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The schema of one table as the fold needs it: every column in {@code SELECT *} order (partition key,
 * clustering, then static and regular columns alphabetically, as Cassandra 5.0 orders a wildcard).
 * Build it by hand with {@link #builder} or from driver metadata with {@link DriverSchemas}.
 */
public final class TableSchema {
    private final String keyspace;
    private final String table;
    private final List<Column> columns;
    private final Map<String, Column> byName;

    private TableSchema(String keyspace, String table, List<Column> columns) {
        this.keyspace = keyspace;
        this.table = table;
        List<Column> ordered = new ArrayList<>();
        for (ColumnKind k : new ColumnKind[] {ColumnKind.PARTITION_KEY, ColumnKind.CLUSTERING}) {
            for (Column c : columns) if (c.kind() == k) ordered.add(c);
        }
        for (ColumnKind k : new ColumnKind[] {ColumnKind.STATIC, ColumnKind.REGULAR}) {
            List<Column> rest = new ArrayList<>();
            for (Column c : columns) if (c.kind() == k) rest.add(c);
            // Cassandra compares the UTF-8 bytes of the names; for the ASCII names of CQL that is String order
            rest.sort((a, b) -> a.name().compareTo(b.name()));
            ordered.addAll(rest);
        }
        this.columns = Collections.unmodifiableList(ordered);
        Map<String, Column> m = new LinkedHashMap<>();
        for (Column c : ordered) m.put(c.name(), c);
        this.byName = Collections.unmodifiableMap(m);
        if (partitionKey().isEmpty()) throw new IllegalArgumentException(keyspace + "." + table + " has no partition key");
    }

    public static Builder builder(String keyspace, String table) {
        return new Builder(keyspace, table);
    }

    public String keyspace() { return keyspace; }
    public String table() { return table; }
    /** Every column in {@code SELECT *} order. */
    public List<Column> columns() { return columns; }

    public Column column(String name) {
        Column c = byName.get(name);
        if (c == null) throw new IllegalArgumentException("no column " + name + " in " + keyspace + "." + table);
        return c;
    }

    public boolean hasColumn(String name) { return byName.containsKey(name); }

    public List<Column> partitionKey() { return of(ColumnKind.PARTITION_KEY); }
    public List<Column> clustering() { return of(ColumnKind.CLUSTERING); }
    public List<Column> statics() { return of(ColumnKind.STATIC); }
    public List<Column> regulars() { return of(ColumnKind.REGULAR); }

    /** A counter table: its non-key columns are counters. */
    public boolean isCounterTable() {
        for (Column c : regulars()) if (c.type().isCounter()) return true;
        return false;
    }

    private List<Column> of(ColumnKind kind) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) if (c.kind() == kind) out.add(c);
        return out;
    }

    @Override
    public String toString() { return keyspace + "." + table + columns; }

    /** Builds a schema by hand; columns may be added in any order (partition key and clustering in key order). */
    public static final class Builder {
        private final String keyspace;
        private final String table;
        private final List<Column> columns = new ArrayList<>();
        private final Map<String, CqlType> udts = new LinkedHashMap<>();

        private Builder(String keyspace, String table) {
            this.keyspace = Objects.requireNonNull(keyspace);
            this.table = Objects.requireNonNull(table);
        }

        /** Registers a UDT so that later column types can name it. */
        public Builder udt(CqlType udt) { udts.put(udt.name(), udt); return this; }

        public Builder partitionKey(String name, String type) { return add(name, ColumnKind.PARTITION_KEY, type, false); }
        public Builder clustering(String name, String type) { return add(name, ColumnKind.CLUSTERING, type, false); }
        public Builder clusteringDesc(String name, String type) { return add(name, ColumnKind.CLUSTERING, type, true); }
        public Builder staticColumn(String name, String type) { return add(name, ColumnKind.STATIC, type, false); }
        public Builder regular(String name, String type) { return add(name, ColumnKind.REGULAR, type, false); }

        public Builder add(String name, ColumnKind kind, String type, boolean descending) {
            return add(new Column(name, kind, CqlType.parse(type, udts), descending));
        }

        public Builder add(Column column) { columns.add(column); return this; }

        public TableSchema build() { return new TableSchema(keyspace, table, columns); }
    }
}
