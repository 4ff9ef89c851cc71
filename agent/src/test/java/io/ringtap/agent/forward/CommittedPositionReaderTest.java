package io.ringtap.agent.forward;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedPositionReaderTest {
    private final CommittedPositionReader reader = new CommittedPositionReader(FakeKafka.OFFSETS, Duration.ofSeconds(5));

    @Test
    void should_return_last_index_of_own_host_when_topic_holds_several_hosts() {
        // Given
        List<ProducerRecord<byte[], byte[]>> offsets = Arrays.asList(
                FakeKafka.offsetsRecord("h1", 10),
                FakeKafka.offsetsRecord("h2", 500),
                FakeKafka.offsetsRecord("h1", 42),
                FakeKafka.offsetsRecord("h2", 600));

        // When
        long index = reader.read(FakeKafka.offsetsConsumer(offsets), "h1");

        // Then
        assertThat(index).isEqualTo(42);
    }

    @Test
    void should_return_no_index_when_host_never_committed() {
        // Given
        List<ProducerRecord<byte[], byte[]>> offsets = Collections.singletonList(FakeKafka.offsetsRecord("h2", 500));

        // When
        long index = reader.read(FakeKafka.offsetsConsumer(offsets), "h1");

        // Then
        assertThat(index).isEqualTo(ForwardSource.NO_INDEX);
    }

    @Test
    void should_write_index_segment_and_position_when_encoding_value() {
        // Given
        CommittedPosition position = new CommittedPosition(1234567890123L, 1763863600001L, 48211);

        // When
        byte[] value = position.toValue("h1", 3);

        // Then
        assertThat(new String(value, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"v\":1,\"node\":\"h1\",\"index\":1234567890123,\"segment\":1763863600001,\"position\":48211,\"events\":3}");
        assertThat(CommittedPosition.indexOf(value)).isEqualTo(1234567890123L);
    }
}
