package io.ringtap.lab;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A lab Kafka 4.3.1 broker. Node 1 is the lab's broker: one KRaft node in combined mode on {@code <net>.1:9092}
 * (controller :9093). Nodes 2+ ({@link Lab#addBroker}) are broker-only nodes of the same cluster on
 * {@code <net>.1:9092+2(n-1)}.
 */
public final class KafkaBroker {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final LabRuntime runtime;
    private final LabSettings settings;
    private final Path dir;
    private final JvmProcess process;
    private final boolean killOnExit;
    private final int nodeId;
    private final KafkaBroker controller;

    KafkaBroker(LabRuntime runtime, LabSettings settings, Path labDir, boolean killOnExit) {
        this(runtime, settings, labDir, killOnExit, 1, null);
    }

    private KafkaBroker(LabRuntime runtime, LabSettings settings, Path labDir, boolean killOnExit, int nodeId, KafkaBroker controller) {
        this.runtime = runtime;
        this.killOnExit = killOnExit;
        this.settings = settings;
        this.nodeId = nodeId;
        this.controller = controller;
        this.dir = labDir.resolve(name()).toAbsolutePath();
        this.process = new JvmProcess(name(), dir.resolve("kafka.pid"), logsDir(), "-Dkafka.logs.dir=" + logsDir());
    }

    /** Broker-only node {@code nodeId} (2 or more) joining the cluster whose controller is {@code controller}. */
    static KafkaBroker brokerOnly(LabRuntime runtime, LabSettings settings, Path labDir, boolean killOnExit, int nodeId,
                                  KafkaBroker controller) {
        if (nodeId < 2) {
            throw new IllegalArgumentException("node 1 is the lab's combined broker");
        }
        return new KafkaBroker(runtime, settings, labDir, killOnExit, nodeId, controller);
    }

    public String name() {
        return nodeId == 1 ? "kafka" : "kafka" + nodeId;
    }

    public int nodeId() {
        return nodeId;
    }

    public String bootstrap() {
        return nodeId == 1 ? settings.kafkaBootstrap() : settings.address(1) + ":" + (9092 + 2 * (nodeId - 1));
    }

    public Path dir() { return dir; }
    public Path dataDir() { return dir.resolve("data"); }
    public Path logsDir() { return dir.resolve("logs"); }
    private Path serverProperties() { return dir.resolve("conf/server.properties"); }

    boolean isCreated() {
        return Files.isRegularFile(dataDir().resolve("meta.properties"));
    }

    /** Renders server.properties and formats the storage with a fresh cluster id ({@code StorageTool --standalone}). */
    void create() {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logsDir());
            if (nodeId == 1) {
                Template.render(runtime.template("kafka-server.properties"),
                        Map.of("host", settings.address(1), "broker_dir", dir.toString()), serverProperties());
            } else {
                Template.render(runtime.template("kafka-broker.properties"), Map.of("host", settings.address(1),
                        "broker_dir", dir.toString(), "node_id", Integer.toString(nodeId),
                        "port", bootstrap().substring(bootstrap().lastIndexOf(':') + 1)), serverProperties());
            }
            Files.copy(runtime.template("kafka-log4j2.xml"), dir.resolve("conf/log4j2.xml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot create the broker in " + dir + ": " + e.getMessage(), e);
        }
        List<String> args = baseArgs("256m");
        args.add("kafka.tools.StorageTool");
        if (nodeId == 1) {
            args.addAll(List.of("format", "--config", serverProperties().toString(), "--cluster-id",
                    Uuid.randomUuid().toString(), "--standalone"));
        } else {
            args.addAll(List.of("format", "--config", serverProperties().toString(), "--cluster-id", controller.clusterId()));
        }
        Path out = logsDir().resolve("format.out");
        int code = JvmProcess.runCaptured(args, out, Duration.ofMinutes(2));
        if (code != 0) {
            throw new LabException("formatting the Kafka storage failed (exit " + code + "); see " + out);
        }
    }

    private List<String> baseArgs(String heap) {
        List<String> args = new ArrayList<>();
        args.add("-Xms" + heap);
        args.add("-Xmx" + heap);
        args.add("-Dkafka.logs.dir=" + logsDir());
        args.add("-Dlog4j2.configurationFile=" + dir.resolve("conf/log4j2.xml"));
        args.add("-cp");
        args.add(runtime.kafkaClasspath());
        return args;
    }

    private String clusterId() {
        try {
            for (String line : Files.readAllLines(dataDir().resolve("meta.properties"))) {
                if (line.startsWith("cluster.id=")) {
                    return line.substring("cluster.id=".length()).trim();
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot read the cluster id in " + dataDir() + ": " + e.getMessage(), e);
        }
        throw new LabException("no cluster.id in " + dataDir().resolve("meta.properties"));
    }

    /** Starts the broker on its existing data and waits until it is ready. */
    public void start() {
        launch();
        awaitReady();
    }

    /** Graceful stop, then start on the same data. */
    public void restart() {
        stop();
        start();
    }

    /** Launches the broker JVM and returns at once; see {@link #awaitReady()}. */
    void launch() {
        if (!isCreated()) {
            throw new LabException("the broker does not exist in " + dir);
        }
        List<String> args = baseArgs("512m");
        args.add("kafka.Kafka");
        args.add(serverProperties().toString());
        process.launch(args, killOnExit);
    }

    /** Waits until an AdminClient's describeCluster lists the (unfenced) broker. */
    public void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!isRunning()) {
                    throw new LabException("kafka exited during startup; see " + logsDir().resolve("server.log"));
                }
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == nodeId)) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                CassandraNode.sleep(500);
            }
        }
        throw new LabException("kafka not ready within " + READY_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; see " + logsDir().resolve("server.log"));
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public Optional<Long> pid() {
        return process.handle().map(ProcessHandle::pid);
    }

    /** Graceful stop (controlled shutdown on SIGTERM), SIGKILL after 60 s. */
    public void stop() {
        if (!process.stop(Duration.ofSeconds(60))) {
            System.err.println("kafka did not stop within 60 s and was killed");
        }
    }

    public void kill() {
        process.kill();
    }
}
