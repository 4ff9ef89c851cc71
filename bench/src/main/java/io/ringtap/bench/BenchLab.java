package io.ringtap.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.LabSettings;
import io.ringtap.lab.SyncMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One lab node (plus a broker) that a suite restarts under several {@link NodeSetup}s. The lab is created without
 * the agent; the bench installs it per configuration through the node's {@code conf/jvm-extra.options} (read at
 * every start) and its own {@code ringtap.yaml}, so the same node and data run with and without it. The triggers
 * jar is always in the node's triggers directory (inert until a table has the trigger).
 */
public final class BenchLab implements AutoCloseable {
    private static final long AGENT_WAIT_NANOS = 90_000_000_000L;

    private final Lab lab;
    private final LabRuntime runtime;

    private BenchLab(Lab lab, LabRuntime runtime) {
        this.lab = lab;
        this.runtime = runtime;
    }

    /**
     * A fresh lab in {@code bench/target/lab-<suite>} on the net of {@code RINGTAP_LAB_NET}: one node with
     * {@code heap}, a broker when {@code kafka}; started with {@code first}.
     */
    public static BenchLab start(String suite, String heap, boolean kafka, NodeSetup first) {
        LabRuntime runtime = LabRuntime.locate();
        Path dir = runtime.repoRoot().resolve("bench/target/lab-" + suite);
        Lab.wipe(runtime, dir);
        LabSettings settings = LabSettings.defaults().withAgent(false).withKafka(kafka).withHeap(heap)
                .withSync(first.sync());
        Lab lab = Lab.create(runtime, dir, settings, true);
        BenchLab bench = new BenchLab(lab, runtime);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::killAll, "ringtap-bench-kill"));
        bench.installTriggersJar();
        bench.configure(first);
        long logOffset = bench.logSize();
        log("starting lab in " + dir + " (" + settings.address(1) + ", " + (kafka ? "with" : "no") + " broker)");
        lab.up();
        bench.awaitAgent(first, logOffset);
        return bench;
    }

    public Lab lab() {
        return lab;
    }

    public CassandraNode node() {
        return lab.node(1);
    }

    public CqlSession session() {
        return lab.session(1);
    }

    public long nodePid() {
        return node().pid().orElseThrow(() -> new IllegalStateException("node1 is not running"));
    }

    /** Graceful stop, new configuration, start; returns when CQL (and the agent, if any) is ready. */
    public void restart(NodeSetup setup) {
        node().stop();
        configure(setup);
        long logOffset = logSize();
        node().start();
        awaitAgent(setup, logOffset);
    }

    private void configure(NodeSetup setup) {
        CassandraNode node = node();
        try {
            Path yaml = node.confDir().resolve("cassandra.yaml");
            Files.writeString(yaml, NodeConf.withSync(Files.readString(yaml), setup.sync()));
            List<String> options = new ArrayList<>();
            options.add("# written by io.ringtap.bench for this run");
            if (setup.agent()) {
                Files.createDirectories(node.queueDir().getParent());
                Files.writeString(node.agentConfig(), NodeConf.agentYaml(node.queueDir().toString(),
                        lab.kafkaBootstrap(), setup.agentOverrides()));
                options.add("-javaagent:" + runtime.agentJar() + "=" + node.agentConfig());
            }
            options.addAll(setup.jvmOptions());
            Files.write(node.extraJvmOptionsFile(), options, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void installTriggersJar() {
        Path jar = runtime.triggersJar();
        try {
            Files.createDirectories(node().triggersDir());
            Files.copy(jar, node().triggersDir().resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + jar + " (run: mvn -B -q -DskipTests package)", e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(node().systemLog()) ? Files.size(node().systemLog()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAgent(NodeSetup setup, long offset) {
        if (!setup.agent()) {
            return;
        }
        long deadline = System.nanoTime() + AGENT_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            String tail = logTail(offset);
            if (tail.contains("ringtap agent ready")) {
                return;
            }
            int disabled = tail.indexOf("ringtap agent disabled:");
            if (disabled >= 0) {
                throw new IllegalStateException("agent disabled: " + tail.substring(disabled, tail.indexOf('\n', disabled)));
            }
            sleep(250);
        }
        throw new IllegalStateException("no 'ringtap agent ready' in " + node().systemLog());
    }

    private String logTail(long offset) {
        try {
            byte[] all = Files.readAllBytes(node().systemLog());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the node (gracefully, so a JFR recording is dumped) and the broker, and deletes the lab folder. */
    @Override
    public void close() {
        lab.down(false);
        Lab.wipe(runtime, lab.dir());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void log(String message) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), message);
    }
}
