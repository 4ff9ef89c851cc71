package io.ringtap.agent;

import io.ringtap.agent.cassandra.CassandraNode;
import io.ringtap.agent.config.ConfigException;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.ConfigProblem;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.config.RingtapOptions;
import io.ringtap.agent.config.WritableDirectories;
import io.ringtap.agent.metrics.AgentState;
import io.ringtap.agent.metrics.RingtapMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the {@code ringtap-boot} thread does: waits for the node to finish starting, registers the
 * metrics, loads and checks the config, then starts the pipeline ({@code ringtap agent ready}) or logs
 * why it does not ({@code ringtap agent disabled: ...}, one ERROR line naming every problem and its key).
 * In every case the node keeps serving.
 */
final class AgentBoot {
    private static final long NODE_POLL_MILLIS = 500;

    private AgentBoot() {
    }

    static void run(String configFile) {
        Logger log = null;
        RingtapMetrics metrics = new RingtapMetrics();
        try {
            CassandraNode node = CassandraNode.awaitStarted(NODE_POLL_MILLIS);
            log = LoggerFactory.getLogger(AgentBoot.class);
            CassandraNode.quietChattyLoggers();
            try {
                node.registerMetrics(metrics.all());
            } catch (RuntimeException e) {
                log.warn("ringtap: cannot register metrics, running without them: {}", e.toString());
            }
            start(log, node, metrics, configFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            metrics.agentState(AgentState.FAILED);
            if (log != null) {
                log.error("ringtap agent disabled: unexpected error while starting; the node is unaffected", t);
            } else {
                System.err.println("ringtap agent disabled: unexpected error while starting: " + t);
            }
        }
    }

    private static void start(Logger log, CassandraNode node, RingtapMetrics metrics, String configFile) {
        RingtapConfig config;
        try {
            config = new ConfigLoader().load(configFile == null ? null : Paths.get(configFile));
        } catch (ConfigException e) {
            disabled(log, metrics, configFile, e.problems());
            return;
        }
        log.info("ringtap config ({}): {}", configFile, config.describe());
        TriggerGateway.configure(config.triggersOnMissingAgent());

        NodeFacts facts = node.facts();
        List<String> datacenters = config.captureDatacenters();
        if (!datacenters.isEmpty() && !datacenters.contains(facts.datacenter())) {
            metrics.agentState(AgentState.DISABLED);
            // INFO, not ERROR: an intended state; same prefix so whoever waits for the agent's verdict sees it
            log.info("ringtap agent disabled: datacenter {} is not in {} {}; idle on this node", facts.datacenter(),
                    RingtapOptions.CAPTURE_DATACENTERS.key(), datacenters);
            return;
        }

        PipelineContext context = new PipelineContext(config, facts, metrics);
        List<ConfigProblem> problems = nodeProblems(context);
        if (!problems.isEmpty()) {
            disabled(log, metrics, configFile, problems);
            return;
        }

        RingtapAgent agent = Pipeline.agent(context);
        try {
            agent.start();
        } catch (Exception e) {
            metrics.agentState(AgentState.FAILED);
            log.error("ringtap agent disabled: {}; the node is unaffected", e.getMessage(), e.getCause());
            return;
        }
        Thread hook = new Thread(agent::close, "ringtap-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (metrics.agentState() == AgentState.STARTING) {
            metrics.agentState(AgentState.RUNNING);
        }
        log.info("ringtap agent ready: node {} dc {} queue {} components {}", facts.hostId(), facts.datacenter(),
                config.queueDirectory(), agent.componentNames());
    }

    /** Problems of the config against this node: CDC off, unusable directories. */
    static List<ConfigProblem> nodeProblems(PipelineContext context) {
        RingtapConfig config = context.config();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Path> directories = new LinkedHashMap<>();
        directories.put(RingtapOptions.QUEUE_DIRECTORY.key(), config.queueDirectory());
        if (config.captureEnabled()) {
            if (!context.node().cdcEnabled()) {
                problems.add(new ConfigProblem(RingtapOptions.CAPTURE_ENABLED.key(),
                        "the node runs with cdc_enabled: false (cassandra.yaml), so nothing reaches cdc_raw; "
                                + "enable CDC or set capture.enabled: false"));
            }
            directories.put(RingtapOptions.CAPTURE_CDC_RAW_DIRECTORY.key(), context.cdcRawDirectory());
            directories.put(RingtapOptions.CAPTURE_QUARANTINE_DIRECTORY.key(), context.quarantineDirectory());
            if (config.archiveRetiredSegments()) {
                directories.put(RingtapOptions.CAPTURE_ARCHIVE_DIRECTORY.key(), config.archiveDirectory().orElse(null));
            }
        }
        problems.addAll(WritableDirectories.check(directories));
        return problems;
    }

    private static void disabled(Logger log, RingtapMetrics metrics, String configFile, List<ConfigProblem> problems) {
        metrics.configErrors(problems.size());
        metrics.agentState(AgentState.DISABLED);
        log.error("ringtap agent disabled: {} configuration problem{} in {}: {}; the node keeps serving",
                problems.size(), problems.size() == 1 ? "" : "s", configFile,
                problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
}
