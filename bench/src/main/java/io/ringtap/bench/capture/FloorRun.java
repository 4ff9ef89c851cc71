package io.ringtap.bench.capture;

import org.apache.cassandra.db.DeletionTime;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.RangeTombstone;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.db.commitlog.CommitLogPosition;
import org.apache.cassandra.db.commitlog.CommitLogReadHandler;
import org.apache.cassandra.db.commitlog.CommitLogReader;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.db.rows.Cell;
import org.apache.cassandra.db.rows.ColumnData;
import org.apache.cassandra.db.rows.ComplexColumnData;
import org.apache.cassandra.db.rows.Row;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.schema.TableId;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Variant (a), the floor: Cassandra's own {@link CommitLogReader} over every segment, with a handler that
 * walks every partition, row, deletion and cell of every mutation (folding a few fields into a checksum so
 * the JIT cannot drop the walk) and does nothing else.
 */
final class FloorRun {
    /** What one pass found. */
    record Counts(long mutations, long cdcMutations, long cells, long invalid, long checksum) {
    }

    private FloorRun() {
    }

    static Counts read(List<Path> segments) throws IOException {
        Walker walker = new Walker();
        CommitLogReader reader = new CommitLogReader();
        for (Path segment : segments) {
            reader.readCommitLogSegment(walker, new File(segment.toFile()), CommitLogPosition.NONE,
                    CommitLogReader.ALL_MUTATIONS, false);
        }
        if (walker.error != null) {
            throw new IOException("commit log read error: " + walker.error.getMessage(), walker.error);
        }
        long invalid = 0;
        for (Map.Entry<TableId, AtomicInteger> e : reader.getInvalidMutations()) {
            invalid += e.getValue().get();
        }
        return new Counts(walker.mutations, walker.cdcMutations, walker.cells, invalid, walker.checksum);
    }

    private static final class Walker implements CommitLogReadHandler {
        long mutations;
        long cdcMutations;
        long cells;
        long checksum;
        CommitLogReadException error;

        @Override
        public boolean shouldSkipSegmentOnError(CommitLogReadException exception) {
            error = exception;
            return false;
        }

        @Override
        public void handleUnrecoverableError(CommitLogReadException exception) {
            error = exception;
        }

        @Override
        public void handleMutation(Mutation m, int size, int entryLocation, CommitLogDescriptor desc) {
            mutations++;
            boolean cdc = false;
            for (PartitionUpdate u : m.getPartitionUpdates()) {
                cdc |= u.metadata().params.cdc && !u.metadata().keyspace.startsWith("system");
                checksum += u.partitionKey().getKey().remaining();
                checksum += u.partitionLevelDeletion().markedForDeleteAt();
                Iterator<RangeTombstone> ranges = u.deletionInfo().rangeIterator(false);
                while (ranges.hasNext()) {
                    RangeTombstone rt = ranges.next();
                    checksum += rt.deletionTime().markedForDeleteAt() + rt.deletedSlice().start().size();
                }
                walk(u.staticRow());
                for (Row row : u) {
                    walk(row);
                }
            }
            if (cdc) {
                cdcMutations++;
            }
        }

        private void walk(Row row) {
            if (row.isEmpty() && row.deletion().isLive()) {
                return;
            }
            checksum += row.clustering().size() + row.primaryKeyLivenessInfo().timestamp();
            DeletionTime deletion = row.deletion().time();
            checksum += deletion.markedForDeleteAt();
            for (ColumnData cd : row) {
                if (cd.column().isComplex()) {
                    ComplexColumnData complex = (ComplexColumnData) cd;
                    checksum += complex.complexDeletion().markedForDeleteAt();
                    for (Cell<?> cell : complex) {
                        visit(cell);
                    }
                } else {
                    visit((Cell<?>) cd);
                }
            }
        }

        private void visit(Cell<?> cell) {
            cells++;
            checksum += cell.timestamp() + cell.valueSize() + cell.ttl() + cell.localDeletionTime();
            if (cell.path() != null) {
                checksum += cell.path().size();
            }
        }
    }
}
