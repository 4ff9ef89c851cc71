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

/** The lab's Kafka 4.3.1 broker: one KRaft node in combined mode on {@code <net>.1:9092} (controller :9093). */
public final class KafkaBroker {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final LabRuntime runtime;
    private final LabSettings settings;
    private final Path dir;
    private final JvmProcess process;
    private final boolean killOnExit;

    KafkaBroker(LabRuntime runtime, LabSettings settings, Path labDir, boolean killOnExit) {
        this.runtime = runtime;
        this.killOnExit = killOnExit;
        this.settings = settings;
        this.dir = labDir.resolve("kafka").toAbsolutePath();
        this.process = new JvmProcess("kafka", dir.resolve("kafka.pid"), logsDir(), "-Dkafka.logs.dir=" + logsDir());
    }

    public String name() {
        return "kafka";
    }

    public String bootstrap() {
        return settings.kafkaBootstrap();
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
            Template.render(runtime.template("kafka-server.properties"),
                    Map.of("host", settings.address(1), "broker_dir", dir.toString()), serverProperties());
            Files.copy(runtime.template("kafka-log4j2.xml"), dir.resolve("conf/log4j2.xml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot create the broker in " + dir + ": " + e.getMessage(), e);
        }
        List<String> args = baseArgs("256m");
        args.add("kafka.tools.StorageTool");
        args.addAll(List.of("format", "--config", serverProperties().toString(), "--cluster-id",
                Uuid.randomUuid().toString(), "--standalone"));
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
                    if (!nodes.isEmpty()) {
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
