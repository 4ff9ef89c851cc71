package io.ringtap.agent.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.RingtapConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.Optional;

/** {@code kafka tail}: the EAV events the forwarder committed, pretty-printed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints the events of the matching topics as Kafka consumers see them (read_committed),",
                "pretty-printed, each under a `topic-partition@offset` line. Uses the kafka.* settings of the config."},
        footerHeading = "%nExamples:%n",
        footer = {"  ringtap kafka tail --config /etc/cassandra/ringtap.yaml --topic ringtap.shop.orders -n 5",
                "  ringtap kafka tail --config /etc/cassandra/ringtap.yaml --topic 'ringtap\\.shop\\..*' --follow"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:usage error", "2:invalid configuration, Kafka unreachable or no such topic"})
final class KafkaTailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Console console;
    private final ConfigLoader loader;
    /** Makes the consumer from its settings; replaced in tests. */
    Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers = ForwardFacts::kafkaConsumer;

    @Option(names = "--config", required = true, paramLabel = "<ringtap.yaml>", description = "Where the kafka.* settings come from.")
    Path config;

    @Option(names = "--topic", required = true, paramLabel = "<topic-or-regex>", description = "A topic name, or a regex matching whole names.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at each partition's beginning (default: N records before its end).")
    boolean fromBeginning;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "Records per partition before its end to start at (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new records until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "10", description = "How long Kafka may take to answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    KafkaTailCommand(Console console, ConfigLoader loader) {
        this.console = console;
        this.loader = loader;
    }

    @Override
    public Integer call() throws IOException {
        Optional<RingtapConfig> loaded = ConfigFile.load(loader, config, "kafka tail", console.err());
        if (!loaded.isPresent()) {
            return Main.BAD_INPUT;
        }
        RingtapConfig cfg = loaded.get();
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        Pattern pattern = Pattern.compile(topic);
        try (Consumer<byte[], byte[]> consumer = consumers.apply(ForwardFacts.consumerConfig(cfg, timeout))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> t : consumer.listTopics(timeout).entrySet()) {
                if (t.getKey().equals(topic) || pattern.matcher(t.getKey()).matches()) {
                    for (PartitionInfo p : t.getValue()) {
                        partitions.add(new TopicPartition(p.topic(), p.partition()));
                    }
                }
            }
            if (partitions.isEmpty()) {
                console.err().println("ringtap kafka tail: no topic matches " + topic);
                return Main.BAD_INPUT;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            for (TopicPartition tp : partitions) {
                long from = fromBeginning ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - Math.max(0, count));
                consumer.seek(tp, from);
            }
            while (follow ? !Thread.currentThread().isInterrupted() : !reachedEnd(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    print(r);
                }
                console.out().flush();
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            console.err().println("ringtap kafka tail: Kafka did not answer in " + timeout.getSeconds() + " s: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        return Main.OK;
    }

    private void print(ConsumerRecord<byte[], byte[]> r) throws IOException {
        console.out().println(r.topic() + "-" + r.partition() + "@" + r.offset()
                + (r.key() == null ? "" : "  key=" + new String(r.key(), StandardCharsets.UTF_8)));
        String value = r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8);
        try {
            console.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(value)));
        } catch (IOException notJson) {
            console.out().println(value);
        }
    }

    private static boolean reachedEnd(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }
}
