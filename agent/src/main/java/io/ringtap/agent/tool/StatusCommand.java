package io.ringtap.agent.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.queue.EventQueue;
import org.apache.kafka.clients.consumer.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.Optional;

/** {@code status}: where capture and forwarding stand, from the node's files (and Kafka's offsets topic). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows where capture and forwarding stand, offline: no JMX, the node may be down.",
                "cdc_raw: pending segments, bytes, how many COMPLETED, oldest segment's age; the quarantine folder;",
                "queue: size, entries, last commit-log position, newest event's ts (capture lag);",
                "forward: the position committed in Kafka's offsets topic for this node (read_committed) and the lag",
                "behind it in entries and seconds (needs Kafka; --no-kafka skips it); the last ringtap ERROR of --log."},
        footerHeading = "%nExamples:%n",
        footer = {"  ringtap status --config /etc/cassandra/ringtap.yaml --log /var/log/cassandra/system.log",
                "  ringtap status --config /etc/cassandra/ringtap.yaml --no-kafka --json | jq .queue.entries"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no problem found", "1:usage error", "2:invalid configuration",
                "3:problems found (listed under `problems`)"})
final class StatusCommand implements Callable<Integer> {
    private final Console console;
    private final ConfigLoader loader;
    /** Makes the offsets-topic consumer; replaced in tests. */
    Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers = ForwardFacts::kafkaConsumer;

    @Option(names = "--config", required = true, paramLabel = "<ringtap.yaml>", description = "The node's agent configuration.")
    Path config;

    @Option(names = "--cassandra-yaml", paramLabel = "<path>",
            description = "cassandra.yaml, for cdc_raw_directory when capture.cdc-raw-directory is unset "
                    + "(default: cassandra.yaml next to the ringtap.yaml).")
    Path cassandraYaml;

    @Option(names = "--log", paramLabel = "<system.log>", description = "The node's system.log: report its last ringtap ERROR line.")
    Path systemLog;

    @Option(names = "--no-kafka", description = "Do not ask Kafka for the committed position (forward lag unknown).")
    boolean noKafka;

    @Option(names = "--kafka-timeout", paramLabel = "<seconds>", defaultValue = "5",
            description = "How long Kafka may take to answer (default: ${DEFAULT-VALUE}).")
    int kafkaTimeoutSeconds;

    @Option(names = "--json", description = "One JSON document instead of the table.")
    boolean json;

    StatusCommand(Console console, ConfigLoader loader) {
        this.console = console;
        this.loader = loader;
    }

    @Override
    public Integer call() throws IOException {
        Optional<RingtapConfig> loaded = ConfigFile.load(loader, config, "status", console.err());
        if (!loaded.isPresent()) {
            return Main.BAD_INPUT;
        }
        RingtapConfig cfg = loaded.get();
        Map<String, Object> status = collect(cfg);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) status.get("problems");
        if (json) {
            console.out().println(toJson(status));
        } else {
            StatusTable.print(status, console.out());
        }
        console.out().flush();
        return problems.isEmpty() ? Main.OK : Main.WARNING;
    }

    Map<String, Object> collect(RingtapConfig cfg) throws IOException {
        Instant now = console.clock().instant();
        List<String> problems = new ArrayList<>();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("config", config.toString());
        status.put("time", now.toString());
        Path yaml = cassandraYaml != null ? cassandraYaml
                : config.toAbsolutePath().getParent() == null ? null : config.toAbsolutePath().resolveSibling("cassandra.yaml");
        Path cdcRaw = NodeFiles.cdcRawDirectory(cfg, yaml);
        status.put("cdc_raw", NodeFiles.cdcRaw(cdcRaw, now, problems));
        Path quarantine = cfg.quarantineDirectory().orElse(
                cdcRaw == null || cdcRaw.getParent() == null ? null : cdcRaw.resolveSibling("ringtap-quarantine"));
        status.put("quarantine", NodeFiles.quarantine(quarantine, problems));
        Duration timeout = Duration.ofSeconds(Math.max(1, kafkaTimeoutSeconds));
        Function<Map<String, Object>, Consumer<byte[], byte[]>> kafka = noKafka ? null : consumers;
        Path queueDir = cfg.queueDirectory();
        if (EventQueue.exists(queueDir)) {
            try (EventQueue queue = EventQueue.openReadOnly(queueDir)) {
                status.put("queue", QueueFacts.describe(queue, now, console));
                status.put("forward", ForwardFacts.describe(cfg, queue, timeout, kafka, now, problems));
            }
        } else {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("directory", queueDir.toString());
            q.put("entries", 0L);
            status.put("queue", q);
            problems.add("no queue in " + queueDir + " (queue.directory): has the agent captured anything yet?");
            status.put("forward", ForwardFacts.describe(cfg, null, timeout, kafka, now, problems));
        }
        String lastError = null;
        if (systemLog != null) {
            if (Files.isReadable(systemLog)) {
                lastError = NodeFiles.lastRingtapError(systemLog);
            } else {
                problems.add("cannot read " + systemLog);
            }
        }
        status.put("last_error", lastError);
        if (lastError != null) {
            problems.add("system.log has a ringtap ERROR (last_error)");
        }
        status.put("problems", problems);
        return status;
    }

    static String toJson(Map<String, Object> status) throws JsonProcessingException {
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status);
    }
}
