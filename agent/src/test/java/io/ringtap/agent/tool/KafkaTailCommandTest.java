package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTailCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void should_pretty_print_the_last_n_records_of_the_matching_topics_when_tailing() throws Exception {
        // Given a topic of three events, another topic that does not match, and a config
        Path yaml = dir.resolve("ringtap.yaml");
        Files.writeString(yaml, "queue.directory: " + dir.resolve("q") + "\nkafka.bootstrap.servers: kafka1:9092\n");
        MockConsumer<byte[], byte[]> kafka = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        String topic = "ringtap.shop.orders";
        TopicPartition tp = new TopicPartition(topic, 0);
        kafka.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), new Node[0], new Node[0])));
        kafka.updatePartitions("other", List.of(new PartitionInfo("other", 0, Node.noNode(), new Node[0], new Node[0])));
        kafka.updateBeginningOffsets(Map.of(tp, 0L, new TopicPartition("other", 0), 0L));
        kafka.updateEndOffsets(Map.of(tp, 3L, new TopicPartition("other", 0), 0L));
        kafka.schedulePollTask(() -> {
            for (int i = 1; i < 3; i++) {
                kafka.addRecord(new ConsumerRecord<>(topic, 0, i, ("{\"k\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                        ("{\"v\":1,\"op\":\"cell\",\"value\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
        });
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Clock.systemUTC());
        KafkaTailCommand command = new KafkaTailCommand(console, new ConfigLoader());
        command.consumers = settings -> kafka;

        // When the last two records of the topics matching ringtap\.shop\..* are asked for
        int code = new CommandLine(command).execute("--config", yaml.toString(), "--topic", "ringtap\\.shop\\..*", "-n", "2");

        // Then both are printed, each under its topic-partition@offset line
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String nl = System.lineSeparator();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "ringtap.shop.orders-0@1  key={\"k\":1}\n{" + nl + "  \"v\" : 1," + nl + "  \"op\" : \"cell\"," + nl + "  \"value\" : 1" + nl + "}\n"
                        + "ringtap.shop.orders-0@2  key={\"k\":2}\n{" + nl + "  \"v\" : 1," + nl + "  \"op\" : \"cell\"," + nl + "  \"value\" : 2" + nl + "}\n");
        assertThat(kafka.assignment()).containsExactly(tp);
    }

    @Test
    void should_exit_2_when_no_topic_matches() throws Exception {
        // Given a broker without the topic
        Path yaml = dir.resolve("ringtap.yaml");
        Files.writeString(yaml, "queue.directory: " + dir.resolve("q") + "\nkafka.bootstrap.servers: kafka1:9092\n");
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Clock.systemUTC());
        KafkaTailCommand command = new KafkaTailCommand(console, new ConfigLoader());
        command.consumers = settings -> new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

        // When
        int code = new CommandLine(command).execute("--config", yaml.toString(), "--topic", "nope");

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ringtap kafka tail: no topic matches nope\n");
    }
}
