package io.ringtap.bench.capture;

import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.schema.KeyspaceMetadata;
import org.apache.cassandra.schema.Schema;
import org.apache.cassandra.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Cassandra's schema without a running node, as its offline tools get it (tools/StandaloneScrubber):
 * {@code DatabaseDescriptor.toolInitialization()} with the corpus node's cassandra.yaml (system property
 * {@code cassandra.config}, set by the forking harness), then {@code Schema.instance.loadFromDisk()} reads
 * system_schema from the node's data directory.
 */
final class OfflineSchema {
    private OfflineSchema() {
    }

    /** Loads the schema; returns the {@code keyspace.table} names with {@code cdc = true}. */
    static List<String> load() {
        DatabaseDescriptor.toolInitialization();
        Schema.instance.loadFromDisk();
        List<String> cdcTables = new ArrayList<>();
        for (String ks : Schema.instance.getKeyspaces()) {
            KeyspaceMetadata meta = Schema.instance.getKeyspaceMetadata(ks);
            for (TableMetadata t : meta.tables) {
                if (t.params.cdc) {
                    cdcTables.add(t.keyspace + "." + t.name);
                }
            }
        }
        cdcTables.sort(null);
        return cdcTables;
    }
}
