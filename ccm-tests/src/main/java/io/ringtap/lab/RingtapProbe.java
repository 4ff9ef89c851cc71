package io.ringtap.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.fold.FoldJson;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a lab node's ringtap agent from outside, as an operator would: the queued events through the agent's
 * {@code queue dump} tool (a separate JVM, the node may be running) and the agent's metrics over the node's JMX port.
 */
public final class RingtapProbe {
    private static final String TOOL = "io.ringtap.agent.tool.Main";
    private static final int NO_QUEUE = 2;

    private final Lab lab;

    public RingtapProbe(Lab lab) {
        this.lab = lab;
    }

    /** Every event in node {@code n}'s queue, in queue order, parsed with {@link FoldJson}; empty when no queue exists yet. */
    public List<JsonNode> queueEvents(int n) {
        CassandraNode node = lab.node(n);
        LabRuntime runtime = lab.runtime();
        if (!Files.isDirectory(node.queueDir())) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(runtime.cassandraJvmFlags());
        cmd.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
        cmd.add("-cp");
        cmd.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
        cmd.addAll(List.of(TOOL, "queue", "dump", node.queueDir().toString()));
        try {
            Path out = Files.createTempFile(node.logsDir(), "queue-dump", ".jsonl");
            Path err = Files.createTempFile(node.logsDir(), "queue-dump", ".err");
            try {
                int code = JvmProcess.runToFiles(cmd, out, err, Duration.ofMinutes(5));
                if (code == NO_QUEUE) {
                    return List.of();
                }
                if (code != 0) {
                    throw new LabException("queue dump of " + node.name() + " exited " + code + ": " + Files.readString(err).strip());
                }
                return FoldJson.parseLines(Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new LabException("cannot dump the queue of " + node.name() + ": " + e.getMessage(), e);
        }
    }

    /** The value of {@code org.apache.cassandra.metrics:type=Ringtap,name=<name>} on node {@code n} (a gauge's Value). */
    public Object metric(int n, String name) {
        CassandraNode node = lab.node(n);
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + node.jmxPort() + "/jmxrmi");
            try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of())) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                return mbs.getAttribute(new ObjectName("org.apache.cassandra.metrics:type=Ringtap,name=" + name), "Value");
            }
        } catch (Exception e) {
            throw new LabException("cannot read ringtap metric " + name + " of " + node.name() + " over JMX: " + e, e);
        }
    }
}
