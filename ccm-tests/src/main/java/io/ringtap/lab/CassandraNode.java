package io.ringtap.lab;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab node: folder {@code <lab>/nodeN} with its own conf, data, commitlog, cdc_raw, hints, saved_caches and logs,
 * run as a separate JVM from the Cassandra runtime classpath, listening on {@code <net>.N} (7000, 9042).
 */
public final class CassandraNode {
    public static final String DATACENTER = "dc1";
    private static final Duration CQL_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(90);

    private final LabRuntime runtime;
    private final LabSettings settings;
    private final int index;
    private final Path dir;
    private final JvmProcess process;
    private final boolean killOnExit;

    CassandraNode(LabRuntime runtime, LabSettings settings, Path labDir, int index, boolean killOnExit) {
        this.runtime = runtime;
        this.killOnExit = killOnExit;
        this.settings = settings;
        this.index = index;
        this.dir = labDir.resolve("node" + index).toAbsolutePath();
        this.process = new JvmProcess("cassandra", dir.resolve("cassandra.pid"), logsDir(),
                "-Dcassandra.storagedir=" + dir);
    }

    public String name() {
        return "node" + index;
    }

    public int index() {
        return index;
    }

    public String address() {
        return settings.address(index);
    }

    public InetSocketAddress cqlAddress() {
        return new InetSocketAddress(address(), 9042);
    }

    public int jmxPort() {
        return settings.jmxPort(index);
    }

    public Path dir() { return dir; }
    public Path confDir() { return dir.resolve("conf"); }
    public Path dataDir() { return dir.resolve("data"); }
    public Path commitlogDir() { return dir.resolve("commitlog"); }
    public Path cdcRawDir() { return dir.resolve("cdc_raw"); }
    public Path hintsDir() { return dir.resolve("hints"); }
    public Path savedCachesDir() { return dir.resolve("saved_caches"); }
    public Path logsDir() { return dir.resolve("logs"); }
    public Path triggersDir() { return dir.resolve("triggers"); }
    public Path queueDir() { return dir.resolve("ringtap/queue"); }
    public Path systemLog() { return logsDir().resolve("system.log"); }
    public Path agentConfig() { return confDir().resolve("ringtap.yaml"); }
    /** Per-node JVM options, one per line ({@code #} comments), read at every start; absent by default. */
    public Path extraJvmOptionsFile() { return confDir().resolve("jvm-extra.options"); }

    boolean isCreated() {
        return Files.isRegularFile(confDir().resolve("cassandra.yaml"));
    }

    /** Renders the node's conf from conf/lab and, with the agent, installs the triggers jar as a DBA would. */
    void create() {
        try {
            for (Path d : List.of(confDir(), dataDir(), commitlogDir(), cdcRawDir(), hintsDir(), savedCachesDir(),
                    logsDir(), triggersDir())) {
                Files.createDirectories(d);
            }
            Map<String, String> values = Map.of(
                    "num_tokens", "16",
                    "seeds", seeds(),
                    "address", address(),
                    "node_dir", dir.toString(),
                    "commitlog_sync", settings.sync().yaml(),
                    "cdc_total_space", settings.cdcTotalSpace(),
                    "dc", DATACENTER,
                    "rack", "rack1",
                    "kafka_bootstrap", settings.kafkaBootstrap());
            Template.render(runtime.template("cassandra.yaml"), values, confDir().resolve("cassandra.yaml"));
            Template.render(runtime.template("cassandra-rackdc.properties"), values, confDir().resolve("cassandra-rackdc.properties"));
            Files.copy(runtime.template("logback.xml"), confDir().resolve("logback.xml"), StandardCopyOption.REPLACE_EXISTING);
            if (settings.agent()) {
                Files.createDirectories(queueDir().getParent());
                Template.render(runtime.template("ringtap.yaml"), values, agentConfig());
                Path triggers = runtime.triggersJar();
                if (!Files.isRegularFile(triggers)) {
                    throw new LabException("missing " + triggers + "; run: mvn -B -q -DskipTests package");
                }
                Files.copy(triggers, triggersDir().resolve(triggers.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LabException("cannot create " + name() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Starts the node on its existing data and waits until it is ready ({@link #awaitReady()}). */
    public Readiness start() {
        launch();
        return awaitReady();
    }

    /** Graceful stop, then start on the same data. */
    public Readiness restart() {
        stop();
        return start();
    }

    /**
     * Every node is a seed: a non-seed whose seed is not up yet gives up after 2 x ring_delay ("Unable to gossip with
     * any peers"), while seeds carry on alone and find each other by gossip -- so all nodes can start in parallel.
     */
    private String seeds() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= settings.nodes(); i++) {
            sb.append(i > 1 ? "," : "").append(settings.address(i)).append(":7000");
        }
        return sb.toString();
    }

    /** Launches the node JVM and returns at once; see {@link #awaitReady()}. */
    void launch() {
        if (!isCreated()) {
            throw new LabException(name() + " does not exist in " + dir);
        }
        try {
            Files.writeString(dir.resolve("system.log.offset"),
                    Long.toString(Files.exists(systemLog()) ? Files.size(systemLog()) : 0L));
        } catch (IOException e) {
            throw new LabException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        process.launch(jvmArgs(), killOnExit);
    }

    private List<String> jvmArgs() {
        List<String> args = new ArrayList<>();
        args.add("-Xms" + settings.heap());
        args.add("-Xmx" + settings.heap());
        args.add("-XX:+HeapDumpOnOutOfMemoryError");
        args.add("-XX:HeapDumpPath=" + logsDir());
        args.addAll(runtime.cassandraJvmFlags());
        args.add("-Dcassandra.config=file://" + confDir().resolve("cassandra.yaml"));
        args.add("-Dcassandra-rackdc.properties=file://" + confDir().resolve("cassandra-rackdc.properties"));
        args.add("-Dcassandra.storagedir=" + dir);
        args.add("-Dcassandra.logdir=" + logsDir());
        args.add("-Dlogback.configurationFile=" + confDir().resolve("logback.xml"));
        args.add("-Dcassandra-foreground=yes");
        args.add("-Dcassandra.jmx.local.port=" + jmxPort());
        args.add("-Dcassandra.ring_delay_ms=1000");
        args.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        args.add("-Dcassandra.superuser_setup_delay_ms=0");
        args.add("-Dcassandra.triggers_dir=" + triggersDir());
        if (index > 1) {
            // the lab is always a brand-new cluster: non-seeds need not stream, so all nodes start in parallel
            args.add("-Dcassandra.auto_bootstrap=false");
        }
        if (settings.agent()) {
            Path agent = runtime.agentJar();
            if (!Files.isRegularFile(agent)) {
                throw new LabException("missing " + agent + "; run: mvn -B -q -DskipTests package");
            }
            args.add("-javaagent:" + agent + "=" + agentConfig());
        }
        String extra = System.getenv("RINGTAP_LAB_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        args.addAll(extraJvmOptions());
        args.add("-cp");
        args.add(runtime.cassandraClasspath());
        args.add("org.apache.cassandra.service.CassandraDaemon");
        return args;
    }

    /**
     * Waits until the node serves {@code SELECT release_version FROM system.local} and, when the agent is installed
     * and waited for, until system.log shows the agent's ready or disabled line (written after this start).
     */
    public Readiness awaitReady() {
        long deadline = System.nanoTime() + CQL_TIMEOUT.toNanos();
        String version = awaitCql(deadline);
        if (!settings.agent() || !waitsForAgent()) {
            return new Readiness(version, Readiness.Agent.NOT_CHECKED, null);
        }
        return awaitAgentLine(System.nanoTime() + AGENT_TIMEOUT.toNanos(), version);
    }

    private boolean waitsForAgent() {
        switch (settings.agentWait()) {
            case ALWAYS: return true;
            case NEVER: return false;
            default: return runtime.agentHasClass("io.ringtap.agent.RingtapAgent");
        }
    }

    private String awaitCql(long deadline) {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!isRunning()) {
                throw new LabException(name() + " exited during startup; see " + systemLog() + " and " + logsDir().resolve("cassandra.err"));
            }
            if (portOpen()) {
                try (CqlSession s = Cql.session(cqlAddress(), DATACENTER, Duration.ofSeconds(10))) {
                    Row row = s.execute("SELECT release_version FROM system.local").one();
                    if (row != null) {
                        return row.getString(0);
                    }
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            sleep(500);
        }
        throw new LabException(name() + " did not accept CQL within " + CQL_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; see " + systemLog());
    }

    private Readiness awaitAgentLine(long deadline, String version) {
        long offset = 0;
        try {
            offset = Long.parseLong(Files.readString(dir.resolve("system.log.offset")).trim());
        } catch (IOException | NumberFormatException ignored) {
            // no marker: read the whole log
        }
        while (System.nanoTime() < deadline) {
            Optional<String> line = AgentLog.find(systemLog(), offset);
            if (line.isPresent()) {
                boolean ready = line.get().contains(AgentLog.READY);
                return new Readiness(version, ready ? Readiness.Agent.READY : Readiness.Agent.DISABLED, line.get());
            }
            if (!isRunning()) {
                throw new LabException(name() + " exited before the ringtap agent reported; see " + systemLog());
            }
            sleep(250);
        }
        throw new LabException(name() + ": no 'ringtap agent ready' or 'ringtap agent disabled:' line in " + systemLog()
                + " within " + AGENT_TIMEOUT.toSeconds() + " s");
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(cqlAddress(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A quick probe (no waiting): true if the native port accepts connections. */
    public boolean isCqlPortOpen() {
        return isRunning() && portOpen();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public Optional<Long> pid() {
        return process.handle().map(ProcessHandle::pid);
    }

    /** Graceful stop: SIGTERM (Cassandra drains in its shutdown hook), SIGKILL after 90 s. */
    public void stop() {
        if (!process.stop(Duration.ofSeconds(90))) {
            System.err.println(name() + " did not stop within 90 s and was killed");
        }
    }

    /** SIGKILL: the node dies mid-flight, as in a crash. */
    public void kill() {
        process.kill();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    private List<String> extraJvmOptions() {
        if (!Files.isRegularFile(extraJvmOptionsFile())) {
            return List.of();
        }
        try {
            List<String> options = new ArrayList<>();
            for (String line : Files.readAllLines(extraJvmOptionsFile())) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    options.add(line.trim());
                }
            }
            return options;
        } catch (IOException e) {
            throw new LabException("cannot read " + extraJvmOptionsFile() + ": " + e);
        }
    }
}
