package io.ringtap.lab.fold;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.VectorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Adapts java-driver 4 schema metadata to {@link TableSchema}. */
public final class DriverSchemas {
    private DriverSchemas() {}

    /** Reads the schema of {@code keyspace.table} from the session's (refreshed) metadata. */
    public static TableSchema of(CqlSession session, String keyspace, String table) {
        session.refreshSchema();
        TableMetadata t = session.getMetadata().getKeyspace(CqlIdentifier.fromInternal(keyspace))
                .flatMap(k -> k.getTable(CqlIdentifier.fromInternal(table)))
                .orElseThrow(() -> new IllegalArgumentException("no table " + keyspace + "." + table));
        return of(t);
    }

    public static TableSchema of(TableMetadata t) {
        TableSchema.Builder b = TableSchema.builder(t.getKeyspace().asInternal(), t.getName().asInternal());
        List<ColumnMetadata> pk = t.getPartitionKey();
        Map<ColumnMetadata, ClusteringOrder> clustering = t.getClusteringColumns();
        for (ColumnMetadata c : pk) {
            b.add(new Column(c.getName().asInternal(), ColumnKind.PARTITION_KEY, type(c.getType()), false));
        }
        for (Map.Entry<ColumnMetadata, ClusteringOrder> e : clustering.entrySet()) {
            b.add(new Column(e.getKey().getName().asInternal(), ColumnKind.CLUSTERING, type(e.getKey().getType()),
                    e.getValue() == ClusteringOrder.DESC));
        }
        for (ColumnMetadata c : t.getColumns().values()) {
            if (pk.contains(c) || clustering.containsKey(c)) continue;
            b.add(new Column(c.getName().asInternal(), c.isStatic() ? ColumnKind.STATIC : ColumnKind.REGULAR,
                    type(c.getType()), false));
        }
        return b.build();
    }

    /** Converts a driver type, keeping frozen-ness (which decides whether a collection is one cell or many). */
    public static CqlType type(DataType t) {
        if (t instanceof ListType l) return CqlType.list(type(l.getElementType()), l.isFrozen());
        if (t instanceof SetType s) return CqlType.set(type(s.getElementType()), s.isFrozen());
        if (t instanceof MapType m) return CqlType.map(type(m.getKeyType()), type(m.getValueType()), m.isFrozen());
        if (t instanceof VectorType v) return CqlType.vector(type(v.getElementType()), v.getDimensions());
        if (t instanceof TupleType tt) {
            List<CqlType> cs = new ArrayList<>();
            for (DataType c : tt.getComponentTypes()) cs.add(type(c));
            return CqlType.tuple(cs);
        }
        if (t instanceof UserDefinedType u) {
            Map<String, CqlType> fields = new LinkedHashMap<>();
            for (int i = 0; i < u.getFieldNames().size(); i++) {
                fields.put(u.getFieldNames().get(i).asInternal(), type(u.getFieldTypes().get(i)));
            }
            return CqlType.udt(u.getName().asInternal(), fields, u.isFrozen());
        }
        // native types: the driver's CQL text is the type name (duration, counter, varint ...)
        return CqlType.nativeType(t.asCql(false, true).toLowerCase(Locale.ROOT));
    }
}
