package io.ringtap.agent.cassandra;

import io.ringtap.agent.commitlog.CorruptSegmentException;
import io.ringtap.agent.commitlog.ReadResult;
import io.ringtap.agent.eav.CapturedMutation;
import org.apache.cassandra.config.DatabaseDescriptor;
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
        DatabaseDescriptor.clientInitialization(false);
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
