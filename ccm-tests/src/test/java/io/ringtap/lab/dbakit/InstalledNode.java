package io.ringtap.lab.dbakit;

import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.LabRuntime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a lab node the way {@code bin/cassandra} would after ops/install.sh: the lab's own JVM arguments (without
 * its javaagent) plus every option line of the node's {@code conf/jvm-server.options}. The lab cannot do this itself
 * (its node launcher adds the agent from the lab settings, not from the options file), hence this small launcher.
 */
final class InstalledNode implements AutoCloseable {
    private final CassandraNode node;
    private final Process process;
    private final long logOffset;

    private InstalledNode(CassandraNode node, Process process, long logOffset) {
        this.node = node;
        this.process = process;
        this.logOffset = logOffset;
    }

    static InstalledNode launch(Lab lab, CassandraNode node) throws IOException {
        LabRuntime runtime = lab.runtime();
        List<String> args = new ArrayList<>();
        args.add(LabRuntime.javaExecutable());
        args.add("-Xms" + lab.settings().heap());
        args.add("-Xmx" + lab.settings().heap());
        args.addAll(runtime.cassandraJvmFlags());
        for (String line : Files.readAllLines(node.confDir().resolve("jvm-server.options"))) {
            String l = line.trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                args.add(l);
            }
        }
        args.add("-Dcassandra.config=file://" + node.confDir().resolve("cassandra.yaml"));
        args.add("-Dcassandra-rackdc.properties=file://" + node.confDir().resolve("cassandra-rackdc.properties"));
        args.add("-Dcassandra.storagedir=" + node.dir());
        args.add("-Dcassandra.logdir=" + node.logsDir());
        args.add("-Dlogback.configurationFile=" + node.confDir().resolve("logback.xml"));
        args.add("-Dcassandra-foreground=yes");
        args.add("-Dcassandra.jmx.local.port=" + node.jmxPort());
        args.add("-Dcassandra.ring_delay_ms=1000");
        args.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        args.add("-Dcassandra.superuser_setup_delay_ms=0");
        args.add("-Dcassandra.triggers_dir=" + node.triggersDir());
        args.add("-cp");
        args.add(runtime.cassandraClasspath());
        args.add("org.apache.cassandra.service.CassandraDaemon");
        long offset = Files.exists(node.systemLog()) ? Files.size(node.systemLog()) : 0L;
        Process p = new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(node.logsDir().resolve("installed-node.out").toFile())
                .start();
        // the lab's own processes are killed when the test JVM exits; so is this one
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "kill-installed-node"));
        return new InstalledNode(node, p, offset);
    }

    /** The first line containing {@code text} written to system.log since the launch, waiting up to {@code timeout}. */
    Optional<String> awaitLogLine(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<String> line = logLinesSinceLaunch().stream().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line;
            }
            Thread.sleep(250);
        }
        return logLinesSinceLaunch().stream().filter(l -> l.contains(text)).findFirst();
    }

    List<String> logLinesSinceLaunch() throws IOException {
        if (!Files.exists(node.systemLog())) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(node.systemLog());
        int from = (int) Math.min(logOffset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }

    /** Graceful stop (SIGTERM: Cassandra drains in its shutdown hook), SIGKILL after 90 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    Path systemLog() {
        return node.systemLog();
    }
}
