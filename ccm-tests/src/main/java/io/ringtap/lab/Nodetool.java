package io.ringtap.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Cassandra's own {@code org.apache.cassandra.tools.NodeTool}, run from the node's classpath against its JMX port. */
public final class Nodetool {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final LabRuntime runtime;

    Nodetool(LabRuntime runtime) {
        this.runtime = runtime;
    }

    private List<String> command(CassandraNode node, List<String> nodetoolArgs) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx128m");
        args.add("-XX:TieredStopAtLevel=1");
        args.addAll(runtime.cassandraJvmFlags());
        args.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
        args.add("-cp");
        args.add(runtime.cassandraClasspath());
        args.add("org.apache.cassandra.tools.NodeTool");
        args.add("-h");
        args.add("127.0.0.1");
        args.add("-p");
        args.add(Integer.toString(node.jmxPort()));
        args.addAll(nodetoolArgs);
        return args;
    }

    /** Runs nodetool with its output on this process's stdout/stderr; returns its exit code. */
    public int runInForeground(CassandraNode node, List<String> nodetoolArgs) {
        return JvmProcess.runInForeground(command(node, nodetoolArgs), TIMEOUT);
    }

    /** Runs nodetool and returns its output; a non-zero exit is a {@link LabException} carrying that output. */
    public String run(CassandraNode node, String... nodetoolArgs) {
        try {
            Path out = Files.createTempFile(node.logsDir(), "nodetool", ".out");
            try {
                int code = JvmProcess.runCaptured(command(node, List.of(nodetoolArgs)), out, TIMEOUT);
                String text = Files.readString(out);
                if (code != 0) {
                    throw new LabException("nodetool " + String.join(" ", nodetoolArgs) + " on " + node.name()
                            + " exited " + code + ": " + text.strip());
                }
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new LabException("cannot run nodetool: " + e.getMessage(), e);
        }
    }
}
