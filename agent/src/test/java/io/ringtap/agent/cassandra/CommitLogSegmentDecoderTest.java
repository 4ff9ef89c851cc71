package io.ringtap.agent.cassandra;

import io.ringtap.agent.commitlog.CorruptSegmentException;
import io.ringtap.agent.commitlog.ReadResult;
import io.ringtap.agent.eav.CapturedMutation;
import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.DataStorageSpec;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.marshal.Int32Type;
import org.apache.cassandra.db.marshal.UTF8Type;
import org.apache.cassandra.db.rows.Row;
import org.apache.cassandra.utils.ByteBufferUtil;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.schema.Schema;
import org.apache.cassandra.schema.TableId;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.db.commitlog.CommitLogDescriptor;
import org.apache.cassandra.security.EncryptionContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The port against Cassandra's real reader, on hand-made segments (mutations are covered in the lab ITs). */
class CommitLogSegmentDecoderTest {

    @TempDir
    Path dir;

    private final List<CapturedMutation> sunk = new ArrayList<>();
    private final CommitLogSegmentDecoder decoder = new CommitLogSegmentDecoder((m, s) -> {
        throw new AssertionError("no mutation expected");
    }, "host", "dc1");

    @BeforeAll
    static void initCassandra() {
        // system tables in the schema give us real mutations that deserialize
        System.setProperty("cassandra.schema.force_load_local_keyspaces", "true");
        DatabaseDescriptor.clientInitialization(false, () -> {
            Config c = new Config();
            c.max_mutation_size = new DataStorageSpec.IntKibibytesBound("16MiB");
            return c;
        });
        DatabaseDescriptor.setPartitionerUnsafe(Murmur3Partitioner.instance);
        DatabaseDescriptor.setEncryptionContext(new EncryptionContext());
    }

    private Path segment(long fileId, long headerId, byte[] afterHeader) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        CommitLogDescriptor.writeHeader(buf, new CommitLogDescriptor(headerId, null, new EncryptionContext()));
        buf.put(afterHeader);
        Path file = dir.resolve("CommitLog-" + CommitLogDescriptor.current_version + "-" + fileId + ".log");
        Files.write(file, buf.array());
        return file;
    }

    private static Mutation known(String clusterName) {
        TableMetadata local = Schema.instance.getTableMetadata("system", "local");
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(local, "local").timestamp(1234L);
        b.row().add("cluster_name", clusterName);
        return b.buildAsMutation();
    }

    private static Mutation dropped(int v) {
        TableMetadata gone = TableMetadata.builder("ks", "gone", TableId.fromString("5a1c3f40-0000-0000-0000-000000000001"))
                .partitioner(Murmur3Partitioner.instance)
                .addPartitionKeyColumn("k", Int32Type.instance).addRegularColumn("v", Int32Type.instance).build();
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(gone, 1);
        b.row().add("v", v);
        return b.buildAsMutation();
    }

    @Test
    void should_hand_entries_after_start_up_to_bound_with_their_positions() throws Exception {
        // Given two sync sections of real mutations
        SegmentWriter w = new SegmentWriter(50).add(known("a")).add(known("b")).sync().add(known("c")).add(known("d")).sync();
        Path file = w.write(dir);
        List<Integer> at = w.entryLocations;
        List<String> seen = new ArrayList<>();
        CommitLogSegmentDecoder d = new CommitLogSegmentDecoder((m, s) -> {
            seen.add(m.getKeyspaceName() + "@" + s.segment() + ":" + s.position() + "/" + s.node() + "/" + s.dc());
            return new CapturedMutation(s, List.of());
        }, "host", "dc1");

        // When reading after the first entry up to the third
        ReadResult result = d.read(file, 50, at.get(0), at.get(2), sunk::add);

        // Then
        assertThat(seen).containsExactly("system@50:" + at.get(1) + "/host/dc1", "system@50:" + at.get(2) + "/host/dc1");
        assertThat(sunk).extracting(c -> c.source().position()).containsExactly(at.get(1), at.get(2));
        assertThat(result.lastPosition()).isEqualTo(at.get(2));
        assertThat(result.mutations()).isEqualTo(2);

        // and read-ahead (no bound) from there takes the rest
        sunk.clear();
        ReadResult rest = d.read(file, 50, result.lastPosition(), -1, sunk::add);
        assertThat(sunk).extracting(c -> c.source().position()).containsExactly(at.get(3));
        assertThat(rest.lastPosition()).isEqualTo(at.get(3));
    }

    @Test
    void should_advance_past_but_not_hand_mutations_the_decoder_skips() throws Exception {
        // Given
        SegmentWriter w = new SegmentWriter(51).add(known("a")).add(known("b")).sync();
        Path file = w.write(dir);
        CommitLogSegmentDecoder d = new CommitLogSegmentDecoder((m, s) -> null, "host", "dc1");

        // When
        ReadResult result = d.read(file, 51, 0, -1, sunk::add);

        // Then
        assertThat(sunk).isEmpty();
        assertThat(result.mutations()).isZero();
        assertThat(result.lastPosition()).isEqualTo(w.entryLocations.get(1));
    }

    @Test
    void should_count_dropped_table_mutations_within_bound_only() throws Exception {
        // Given mutations of a table the schema does not know
        SegmentWriter w = new SegmentWriter(52).add(dropped(1)).add(dropped(2)).add(dropped(3)).sync();
        Path file = w.write(dir);

        // When
        ReadResult result = decoder.read(file, 52, 0, w.entryLocations.get(1), sunk::add);

        // Then
        assertThat(result.droppedTableMutations()).containsEntry("5a1c3f40-0000-0000-0000-000000000001", 2L);
        assertThat(result.lastPosition()).isEqualTo(w.entryLocations.get(1));
        assertThat(sunk).isEmpty();
    }

    @Test
    void should_read_nothing_when_segment_holds_only_its_header() throws Exception {
        // Given a freshly allocated segment: header, then zeros
        Path file = segment(42, 42, new byte[0]);

        // When
        ReadResult result = decoder.read(file, 42, 0, -1, sunk::add);

        // Then
        assertThat(result.mutations()).isZero();
        assertThat(result.lastPosition()).isZero();
        assertThat(result.droppedTableMutations()).isEmpty();
        assertThat(sunk).isEmpty();
    }

    @Test
    void should_be_corrupt_when_header_is_garbage() throws Exception {
        // Given
        Path file = dir.resolve("CommitLog-8-7.log");
        Files.write(file, new byte[]{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});

        // When / Then
        assertThatThrownBy(() -> decoder.read(file, 7, 0, -1, sunk::add))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageContaining("CommitLog-8-7.log");
    }

    @Test
    void should_be_corrupt_when_header_id_differs_from_file_name() throws Exception {
        // Given
        Path file = segment(43, 44, new byte[0]);

        // When / Then
        assertThatThrownBy(() -> decoder.read(file, 43, 0, -1, sunk::add))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageContaining("mismatch");
    }

    @Test
    void should_be_corrupt_with_last_good_position_when_sync_marker_is_bad() throws Exception {
        // Given a sync marker pointing somewhere with a wrong CRC
        Path file = segment(45, 45, new byte[]{0, 0, 1, 0, 0, 0, 0, 1});

        // When / Then
        assertThatThrownBy(() -> decoder.read(file, 45, 0, -1, sunk::add))
                .isInstanceOf(CorruptSegmentException.class)
                .satisfies(e -> assertThat(((CorruptSegmentException) e).lastGoodPosition()).isZero());
    }

    @Test
    void should_hand_each_entry_once_when_passes_follow_a_growing_segment() throws Exception {
        // Given a segment that grows by a sync section between passes, as the active segment does
        SegmentWriter w = new SegmentWriter(60).add(known("a")).add(known("b")).sync().add(known("c")).sync();
        Path file = w.write(dir);
        List<String> seen = new ArrayList<>();
        CommitLogSegmentDecoder d = new CommitLogSegmentDecoder((m, s) -> {
            seen.add(s.position() + "=" + clusterName(m));
            return new CapturedMutation(s, List.of());
        }, "host", "dc1");
        ReadResult first = d.read(file, 60, 0, -1, sunk::add);

        // When two more sections are written and synced, and the next passes start where the last one stopped
        w.add(known("d")).add(known("e")).sync().add(known("f")).sync();
        w.write(dir);
        ReadResult second = d.read(file, 60, first.lastPosition(), w.entryLocations.get(4), sunk::add);
        ReadResult third = d.read(file, 60, second.lastPosition(), -1, sunk::add);

        // Then every entry arrived once, in order, with its position
        List<Integer> at = w.entryLocations;
        assertThat(seen).containsExactly(at.get(0) + "=a", at.get(1) + "=b", at.get(2) + "=c", at.get(3) + "=d",
                at.get(4) + "=e", at.get(5) + "=f");
        assertThat(first.lastPosition()).isEqualTo(at.get(2));
        assertThat(second.lastPosition()).isEqualTo(at.get(4));
        assertThat(third.lastPosition()).isEqualTo(at.get(5));
    }

    @Test
    void should_not_walk_earlier_sync_markers_again_when_resuming_in_a_segment() throws Exception {
        // Given a pass that read the first two sections of a segment
        SegmentWriter w = new SegmentWriter(61).add(known("a")).sync().add(known("b")).sync().add(known("c")).sync();
        Path file = w.write(dir);
        CommitLogSegmentDecoder d = new CommitLogSegmentDecoder((m, s) -> new CapturedMutation(s, List.of()), "host", "dc1");
        ReadResult first = d.read(file, 61, 0, w.entryLocations.get(1), sunk::add);

        // and the first section's sync marker damaged afterwards, so that a walk from the start fails
        byte[] bytes = Files.readAllBytes(file);
        int firstMarker = w.markers.get(0);
        bytes[firstMarker + 4] ^= 0x5a;
        Files.write(file, bytes);
        assertThatThrownBy(() -> new CommitLogSegmentDecoder((m, s) -> null, "host", "dc1").read(file, 61, 0, -1, sunk::add))
                .isInstanceOf(CorruptSegmentException.class);

        // When the same decoder goes on from where it stopped
        sunk.clear();
        ReadResult next = d.read(file, 61, first.lastPosition(), -1, sunk::add);

        // Then it starts at the second section's marker: the damaged one is never read again
        assertThat(sunk).extracting(c -> c.source().position()).containsExactly(w.entryLocations.get(2));
        assertThat(next.lastPosition()).isEqualTo(w.entryLocations.get(2));
    }

    @Test
    void should_walk_from_the_start_when_the_segment_differs_from_the_last_one_read() throws Exception {
        // Given a decoder that last read another segment
        SegmentWriter other = new SegmentWriter(62).add(known("x")).sync().add(known("y")).sync();
        SegmentWriter w = new SegmentWriter(63).add(known("a")).sync().add(known("b")).sync();
        CommitLogSegmentDecoder d = new CommitLogSegmentDecoder((m, s) -> new CapturedMutation(s, List.of()), "host", "dc1");
        d.read(other.write(dir), 62, 0, -1, sunk::add);

        // When it reads this one after its first entry
        sunk.clear();
        ReadResult result = d.read(w.write(dir), 63, w.entryLocations.get(0), -1, sunk::add);

        // Then it finds the second entry (the other segment's marker means nothing here)
        assertThat(sunk).extracting(c -> c.source().position()).containsExactly(w.entryLocations.get(1));
        assertThat(result.lastPosition()).isEqualTo(w.entryLocations.get(1));
    }

    private static String clusterName(Mutation m) {
        TableMetadata local = Schema.instance.getTableMetadata("system", "local");
        Row row = m.getPartitionUpdates().iterator().next().iterator().next();
        return UTF8Type.instance.compose(row.getCell(local.getColumn(ByteBufferUtil.bytes("cluster_name"))).buffer());
    }
}
