package io.ringtap.agent.cassandra;

import io.ringtap.agent.commitlog.CorruptSegmentException;
import io.ringtap.agent.commitlog.ReadResult;
import io.ringtap.agent.eav.CapturedMutation;
import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.DataStorageSpec;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.marshal.Int32Type;
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
}
