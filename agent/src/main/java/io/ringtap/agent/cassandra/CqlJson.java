package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.JsonText;
import org.apache.cassandra.db.ClusteringPrefix;
import org.apache.cassandra.db.marshal.AbstractType;
import org.apache.cassandra.db.marshal.CompositeType;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.transport.ProtocolVersion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** CQL values and types as the event's JSON: exactly what {@code SELECT JSON} writes, made compact. */
final class CqlJson {
    private CqlJson() {
    }

    /** The value as {@code SELECT JSON} encodes it ({@code null} for a missing value). */
    static String value(AbstractType<?> type, ByteBuffer bytes) {
        if (bytes == null) {
            return "null";
        }
        return JsonText.compact(type.toJSONString(bytes.duplicate(), ProtocolVersion.CURRENT));
    }

    /** The CQL type as CQL text: {@code text}, {@code map<text, int>}, {@code frozen<address>}, {@code vector<float, 3>}. */
    static String typeName(AbstractType<?> type) {
        return type.asCQL3Type().toString();
    }

    /** The partition key columns, name to value, in schema order (the event's {@code key} and the record key). */
    static String partitionKey(TableMetadata table, ByteBuffer key) {
        List<ColumnMetadata> columns = table.partitionKeyColumns();
        ByteBuffer[] parts = columns.size() == 1
                ? new ByteBuffer[] {key}
                : ((CompositeType) table.partitionKeyType).split(key);
        List<String> names = new ArrayList<>(columns.size());
        List<String> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata c = columns.get(i);
            names.add(c.name.toString());
            values.add(value(c.type, parts[i]));
        }
        return JsonText.object(names, values);
    }

    /** The clustering columns of a clustering or a bound (possibly a prefix), name to value. */
    static String clustering(TableMetadata table, ClusteringPrefix<?> prefix) {
        List<ColumnMetadata> columns = table.clusteringColumns();
        int size = prefix.size();
        List<String> names = new ArrayList<>(size);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ColumnMetadata c = columns.get(i);
            names.add(c.name.toString());
            values.add(value(c.type, prefix.bufferAt(i)));
        }
        return JsonText.object(names, values);
    }
}
