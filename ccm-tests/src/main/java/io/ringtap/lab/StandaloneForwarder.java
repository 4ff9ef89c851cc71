package io.ringtap.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forwarder of one lab node run as a process of its own ({@code io.ringtap.agent.tool.Main forward <yaml>}), as a
 * DBA who wants no Kafka client in the Cassandra JVM runs it: same host, same queue, the node's agent set to
 * {@code forward.enabled: false}. Its config is the node's {@code ringtap.yaml} plus {@link #config overrides}, written
 * to {@code conf/ringtap-forwarder.yaml} at every start; its stdout/stderr go to {@code logs/forwarder.out|.err}.
 * Its command line carries the node folder, so a {@code pkill -f <lab dir>} reaches it too.
 */
public final class StandaloneForwarder {
    static final String STARTED = "ringtap forwarder process started";
    static final String CONNECTED = "ringtap forwarder connected";
    static final String RECONNECTED = "ringtap forwarder reconnected";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final LabRuntime runtime;
    private final CassandraNode node;
    private final JvmProcess process;
    private final boolean killOnExit;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    StandaloneForwarder(LabRuntime runtime, CassandraNode node, boolean killOnExit) {
        this.runtime = runtime;
        this.node = node;
        this.killOnExit = killOnExit;
        this.process = new JvmProcess("forwarder", node.dir().resolve("forwarder.pid"), node.logsDir(),
                "-Dringtap.lab.forwarder=" + node.dir());
    }

    public Path configFile() { return node.confDir().resolve("ringtap-forwarder.yaml"); }
    public Path errLog() { return node.logsDir().resolve("forwarder.err"); }

    /** Sets {@code key: value} in the forwarder's config (over the node's), from the next start on. */
    public StandaloneForwarder config(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /**
     * Starts the process and waits until it found the node's host id and began forwarding (its
     * {@code ringtap forwarder process started} line); fails if it exits first (e.g. a bad config).
     */
    public void start() {
        long offset = launch();
        awaitLine(offset, STARTED);
    }

    /** Waits until the process (started at log offset {@code offset}) logged that it connected to Kafka. */
    public void awaitConnected(long offset) {
        awaitLine(offset, CONNECTED, RECONNECTED);
    }

    /** Writes the config and launches the process; returns the error log's size before the launch. */
    public long launch() {
        writeConfig();
        long offset = size(errLog());
        List<String> args = new ArrayList<>();
        args.add("-Xms128m");
        args.add("-Xmx256m");
        args.add("-Dringtap.lab.forwarder=" + node.dir());
        args.addAll(runtime.cassandraJvmFlags());
        args.add("-cp");
        args.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
        args.add("io.ringtap.agent.tool.Main");
        args.add("forward");
        args.add(configFile().toString());
        process.launch(args, killOnExit);
        return offset;
    }

    /** SIGTERM (the process aborts its open transaction and closes the producer), SIGKILL after 30 s. */
    public void stop() {
        if (!process.stop(Duration.ofSeconds(30))) {
            System.err.println(node.name() + " forwarder did not stop within 30 s and was killed");
        }
    }

    /** SIGKILL: the forwarder dies mid-transaction, as in a crash. */
    public void kill() {
        process.kill();
    }

    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public Optional<Long> pid() {
        return process.handle().map(ProcessHandle::pid);
    }

    /** Every line of the error log (where the process logs) containing {@code text}. */
    public List<String> logLines(String text) {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(errLog())) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(errLog(), StandardCharsets.UTF_8)) {
                if (line.contains(text)) out.add(line);
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + errLog() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void writeConfig() {
        try {
            Map<String, String> pending = new LinkedHashMap<>(overrides);
            List<String> out = new ArrayList<>();
            out.add("# the forwarder process of " + node.name() + ": the node's ringtap.yaml and the lab's overrides");
            for (String line : Files.readAllLines(node.agentConfig())) {
                String key = line.contains(":") && !line.startsWith("#") ? line.substring(0, line.indexOf(':')).trim() : null;
                out.add(key != null && pending.containsKey(key) ? key + ": " + pending.remove(key) : line);
            }
            pending.forEach((k, v) -> out.add(k + ": " + v));
            Files.write(configFile(), out);
        } catch (IOException e) {
            throw new LabException("cannot write " + configFile() + ": " + e.getMessage(), e);
        }
    }

    private void awaitLine(long offset, String... any) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = find(offset, any);
            if (line.isPresent()) {
                return;
            }
            if (!isRunning()) {
                throw new LabException(node.name() + " forwarder exited: " + tail(offset) + " (see " + errLog() + ")");
            }
            CassandraNode.sleep(200);
        }
        throw new LabException(node.name() + " forwarder logged none of " + List.of(any) + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + errLog());
    }

    private Optional<String> find(long offset, String... any) {
        for (String line : tail(offset).split("\n")) {
            for (String s : any) {
                if (line.contains(s)) return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private String tail(long offset) {
        if (!Files.isRegularFile(errLog())) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(errLog().toFile(), "r")) {
            long from = offset > f.length() ? 0 : offset;
            byte[] bytes = new byte[(int) Math.min(1 << 20, f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }
}
