package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.DataStorageSpec;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.cql3.CQLFragmentParser;
import org.apache.cassandra.cql3.CqlParser;
import org.apache.cassandra.cql3.FieldIdentifier;
import org.apache.cassandra.cql3.statements.schema.CreateTableStatement;
import org.apache.cassandra.db.marshal.AbstractType;
import org.apache.cassandra.db.marshal.Int32Type;
import org.apache.cassandra.db.marshal.UTF8Type;
import org.apache.cassandra.db.marshal.UserType;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.schema.Types;
import org.apache.cassandra.utils.ByteBufferUtil;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Test tables built from CQL with Cassandra's own parser, in client mode (no node, no disk). */
final class Tables {
    static final String KS = "shop";
    static final Source SOURCE = Source.cdc("8f14e45f-ceea-467f-a0e6-0a1b2c3d4e5f", "analytics", 1763863600001L, 48211);
    static final String SRC = "\"source\":{\"capture\":\"cdc\",\"node\":\"8f14e45f-ceea-467f-a0e6-0a1b2c3d4e5f\","
            + "\"dc\":\"analytics\",\"segment\":1763863600001,\"position\":48211}}";

    static final Source TRIGGER_SOURCE = Source.trigger("n1", "dc1");

    static {
        // client mode leaves max_mutation_size unset; Mutation's static init needs it
        DatabaseDescriptor.clientInitialization(false, () -> {
            Config config = new Config();
            config.max_mutation_size = new DataStorageSpec.IntKibibytesBound("16MiB");
            return config;
        });
        DatabaseDescriptor.setPartitionerUnsafe(Murmur3Partitioner.instance);
    }

    /** Non-frozen {@code address {street text, zip int}}; columns declared {@code frozen<address>} freeze it. */
    static final UserType ADDRESS = new UserType(KS, ByteBufferUtil.bytes("address"),
            Arrays.asList(FieldIdentifier.forUnquoted("street"), FieldIdentifier.forUnquoted("zip")),
            Arrays.<AbstractType<?>>asList(UTF8Type.instance, Int32Type.instance), true);

    private Tables() {
    }

    /** Table metadata from a {@code CREATE TABLE shop.x (...)} statement (types: {@link #ADDRESS}). */
    static TableMetadata table(String cql) {
        return CQLFragmentParser.parseAny(CqlParser::createTableStatement, cql, "CREATE TABLE")
                .prepare(null)
                .builder(Types.of(ADDRESS))
                .build();
    }

    /** Table metadata of a table in another keyspace (no user types). */
    static TableMetadata tableIn(String keyspace, String cql) {
        return CQLFragmentParser.parseAny(CqlParser::createTableStatement, cql, "CREATE TABLE")
                .prepare(null)
                .builder(Types.none())
                .build();
    }

    /** The event's JSON with its id replaced by {@code ID} (ids are checked on their own in EventIdTest). */
    static String withoutId(EavEvent e) {
        return e.json().replace("\"id\":\"" + e.id() + "\"", "\"id\":\"ID\"");
    }

    /**
     * An expected event document with id {@code ID}: {@code body} holds the fields from {@code key} to the
     * last one before {@code source}, written with single quotes for double quotes.
     */
    static String expected(String op, String table, String body) {
        return "{\"v\":1,\"id\":\"ID\",\"op\":\"" + op + "\",\"keyspace\":\"" + KS + "\",\"table\":\"" + table
                + "\"," + body.replace('\'', '"') + "," + SRC;
    }

    static List<String> jsonWithoutIds(List<EavEvent> events) {
        return events.stream().map(Tables::withoutId).collect(Collectors.toList());
    }
}
