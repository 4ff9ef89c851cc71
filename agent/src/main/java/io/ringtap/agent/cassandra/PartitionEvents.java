package io.ringtap.agent.cassandra;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.EavEventBuilder;
import io.ringtap.agent.eav.JsonText;
import io.ringtap.agent.eav.Op;
import io.ringtap.agent.eav.Source;
import org.apache.cassandra.db.ClusteringBound;
import org.apache.cassandra.db.DeletionTime;
import org.apache.cassandra.db.LivenessInfo;
import org.apache.cassandra.db.RangeTombstone;
import org.apache.cassandra.db.context.CounterContext;
import org.apache.cassandra.db.marshal.AbstractType;
import org.apache.cassandra.db.marshal.ListType;
import org.apache.cassandra.db.marshal.MapType;
import org.apache.cassandra.db.marshal.SetType;
import org.apache.cassandra.db.marshal.TimeUUIDType;
import org.apache.cassandra.db.marshal.UserType;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.db.rows.Cell;
import org.apache.cassandra.db.rows.ColumnData;
import org.apache.cassandra.db.rows.ComplexColumnData;
import org.apache.cassandra.db.rows.Row;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.utils.ByteBufferUtil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The events of one partition update, in this order: partition deletion, range deletions (clustering
 * order), the static row, then each row in clustering order (row deletion, row liveness, then its cells in
 * column order, a collection's clear before its elements).
 */
final class PartitionEvents {
    private static final String COUNTER_TYPE = "counter";

    private final TableMetadata table;
    private final String keyspace;
    private final String tableName;
    private final String key;
    private final boolean hasClustering;
    private final Source source;
    private final List<EavEvent> out = new ArrayList<>();

    private PartitionEvents(PartitionUpdate update, Source source) {
        this.table = update.metadata();
        this.keyspace = table.keyspace;
        this.tableName = table.name;
        this.key = CqlJson.partitionKey(table, update.partitionKey().getKey());
        this.hasClustering = !table.clusteringColumns().isEmpty();
        this.source = source;
    }

    static List<EavEvent> of(PartitionUpdate update, Source source) {
        PartitionEvents events = new PartitionEvents(update, source);
        events.decode(update);
        return events.out;
    }

    private void decode(PartitionUpdate update) {
        DeletionTime partitionDeletion = update.partitionLevelDeletion();
        if (!partitionDeletion.isLive()) {
            out.add(event(Op.PARTITION_DELETE).ts(partitionDeletion.markedForDeleteAt()).build(source));
        }
        Iterator<RangeTombstone> ranges = update.deletionInfo().rangeIterator(false);
        while (ranges.hasNext()) {
            rangeDelete(ranges.next());
        }
        Row staticRow = update.staticRow();
        if (staticRow != null && !staticRow.isEmpty()) {
            row(staticRow);
        }
        for (Row row : update) {
            row(row);
        }
    }

    private void rangeDelete(RangeTombstone rt) {
        ClusteringBound<?> start = rt.deletedSlice().start();
        ClusteringBound<?> end = rt.deletedSlice().end();
        out.add(event(Op.RANGE_DELETE)
                .range(bound(start), start.isInclusive(), bound(end), end.isInclusive())
                .ts(rt.deletionTime().markedForDeleteAt())
                .build(source));
    }

    private String bound(ClusteringBound<?> bound) {
        return bound.size() == 0 ? null : CqlJson.clustering(table, bound);
    }

    private void row(Row row) {
        boolean isStatic = row.isStatic();
        String clustering = isStatic || !hasClustering ? null : CqlJson.clustering(table, row.clustering());
        Row.Deletion deletion = row.deletion();
        if (!deletion.isLive()) {
            out.add(event(Op.ROW_DELETE).clustering(clustering)
                    .ts(deletion.time().markedForDeleteAt()).build(source));
        }
        LivenessInfo liveness = row.primaryKeyLivenessInfo();
        if (!liveness.isEmpty()) {
            // CQL never writes liveness on the static row, but other writers can: keep it, marked static
            EavEventBuilder e = event(Op.ROW).clustering(clustering).ts(liveness.timestamp());
            if (isStatic) {
                e.staticColumn();
            }
            if (liveness.isExpiring()) {
                e.ttl(liveness.ttl(), liveness.localExpirationTime());
            }
            out.add(e.build(source));
        }
        for (ColumnData data : row) {
            if (data.column().isSimple()) {
                cell((Cell<?>) data, clustering, isStatic);
                continue;
            }
            ComplexColumnData complex = (ComplexColumnData) data;
            DeletionTime cleared = complex.complexDeletion();
            if (!cleared.isLive()) {
                out.add(columnEvent(Op.COLLECTION_DELETE, complex.column(), clustering, isStatic)
                        .ts(cleared.markedForDeleteAt()).build(source));
            }
            for (Cell<?> cell : complex) {
                cell(cell, clustering, isStatic);
            }
        }
    }

    private void cell(Cell<?> cell, String clustering, boolean isStatic) {
        ColumnMetadata column = cell.column();
        AbstractType<?> type = column.type;
        EavEventBuilder e = columnEvent(cell.isTombstone() ? Op.CELL_DELETE : Op.CELL, column, clustering, isStatic)
                .ts(cell.timestamp());
        ByteBuffer pathBytes = cell.path() == null ? null : cell.path().get(0);
        AbstractType<?> valueType = type;
        if (pathBytes != null) {
            valueType = element(e, type, pathBytes);
        }
        if (cell.isTombstone()) {
            out.add(e.build(source));
            return;
        }
        if (cell.isExpiring()) {
            e.ttl(cell.ttl(), cell.localDeletionTime());
        }
        if (type.isCounter()) {
            counterShards(e, cell.buffer());
            return;
        }
        if (valueType == null) {
            // set element: the element is the path
            e.value("null", CqlJson.typeName(((SetType<?>) type).getElementsType()));
        } else {
            e.value(CqlJson.value(valueType, cell.buffer()), CqlJson.typeName(valueType));
        }
        out.add(e.build(source));
    }

    /** Sets the path of an element cell; returns the element value's type, {@code null} for a set element. */
    private static AbstractType<?> element(EavEventBuilder e, AbstractType<?> type, ByteBuffer path) {
        if (type instanceof MapType) {
            MapType<?, ?> map = (MapType<?, ?>) type;
            e.path(CqlJson.value(map.getKeysType(), path));
            return map.getValuesType();
        }
        if (type instanceof SetType) {
            e.path(CqlJson.value(((SetType<?>) type).getElementsType(), path));
            return null;
        }
        if (type instanceof ListType) {
            e.path(CqlJson.value(TimeUUIDType.instance, path));
            return ((ListType<?>) type).getElementsType();
        }
        if (type instanceof UserType) {
            UserType udt = (UserType) type;
            int field = ByteBufferUtil.toShort(path.duplicate());
            e.path(JsonText.string(udt.fieldNameAsString(field)));
            return udt.fieldType(field);
        }
        throw new IllegalStateException("cell path on a column of type " + type.asCQL3Type());
    }

    /** One cell event per shard of the counter context; {@code e} carries everything but the shard. */
    private void counterShards(EavEventBuilder e, ByteBuffer context) {
        CounterContext.ContextState state = CounterContext.ContextState.wrap(context.duplicate());
        while (state.hasRemaining()) {
            e.value(Long.toString(state.getCount()), COUNTER_TYPE)
             .counter(state.getCounterId().toString(), state.getClock());
            out.add(e.build(source));
            state.moveToNext();
        }
    }

    private EavEventBuilder columnEvent(Op op, ColumnMetadata column, String clustering, boolean isStatic) {
        EavEventBuilder e = event(op).clustering(clustering).column(column.name.toString());
        return isStatic ? e.staticColumn() : e;
    }

    private EavEventBuilder event(Op op) {
        return EavEventBuilder.event(op, keyspace, tableName, key);
    }
}
