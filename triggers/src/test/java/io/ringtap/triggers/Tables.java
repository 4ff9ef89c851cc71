package io.ringtap.triggers;

import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.DataStorageSpec;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.cql3.CQLFragmentParser;
import org.apache.cassandra.cql3.CqlParser;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.schema.Types;

/** Test tables built from CQL with Cassandra's own parser, in client mode (no node, no disk). */
final class Tables {
    static {
        // client mode leaves max_mutation_size unset; Mutation's static init needs it
        DatabaseDescriptor.clientInitialization(false, () -> {
            Config config = new Config();
            config.max_mutation_size = new DataStorageSpec.IntKibibytesBound("16MiB");
            return config;
        });
        DatabaseDescriptor.setPartitionerUnsafe(Murmur3Partitioner.instance);
    }

    private Tables() {
    }

    /** Table metadata from a {@code CREATE TABLE ks.t (...)} statement. */
    static TableMetadata table(String cql) {
        return CQLFragmentParser.parseAny(CqlParser::createTableStatement, cql, "CREATE TABLE")
                .prepare(null)
                .builder(Types.none())
                .build();
    }
}
