package io.ringtap.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The shape of a lab, fixed when it is created and stored in {@code <lab>/lab.properties} so every later
 * command (another CLI invocation) sees the same nodes, network and options.
 *
 * @param nodes           number of Cassandra nodes (node N listens on {@code <net>.N})
 * @param agent           install the ringtap agent and the triggers jar
 * @param sync            commitlog_sync mode
 * @param net             first three octets of the loopback addresses, e.g. {@code 127.0.0}
 * @param kafka           run a Kafka broker on {@code <net>.1:9092}
 * @param agentWait       whether node readiness waits for the agent's log line
 * @param cdcTotalSpace   cassandra.yaml cdc_total_space, e.g. {@code 256MiB}
 * @param heap            node heap, e.g. {@code 512m}
 */
public record LabSettings(int nodes, boolean agent, SyncMode sync, String net, boolean kafka, AgentWait agentWait,
                          String cdcTotalSpace, String heap) {

    public LabSettings {
        if (nodes < 0 || nodes > 9) {
            throw new LabException("nodes must be between 0 (a broker only) and 9, not " + nodes);
        }
        if (!net.matches("127\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new LabException("RINGTAP_LAB_NET must look like 127.0.0 (three octets in 127/8), not " + net);
        }
    }

    /** One node, agent on, periodic sync, Kafka on, net from env {@code RINGTAP_LAB_NET} (default 127.0.0). */
    public static LabSettings defaults() {
        String net = System.getenv("RINGTAP_LAB_NET");
        return new LabSettings(1, true, SyncMode.PERIODIC, net == null || net.isBlank() ? "127.0.0" : net.trim(),
                true, AgentWait.AUTO, "256MiB", "512m");
    }

    public LabSettings withNodes(int n) {
        return new LabSettings(n, agent, sync, net, kafka, agentWait, cdcTotalSpace, heap);
    }

    public LabSettings withAgent(boolean on) {
        return new LabSettings(nodes, on, sync, net, kafka, agentWait, cdcTotalSpace, heap);
    }

    public LabSettings withSync(SyncMode mode) {
        return new LabSettings(nodes, agent, mode, net, kafka, agentWait, cdcTotalSpace, heap);
    }

    public LabSettings withNet(String n) {
        return new LabSettings(nodes, agent, sync, n, kafka, agentWait, cdcTotalSpace, heap);
    }

    public LabSettings withKafka(boolean on) {
        return new LabSettings(nodes, agent, sync, net, on, agentWait, cdcTotalSpace, heap);
    }

    public LabSettings withAgentWait(AgentWait wait) {
        return new LabSettings(nodes, agent, sync, net, kafka, wait, cdcTotalSpace, heap);
    }

    public LabSettings withCdcTotalSpace(String space) {
        return new LabSettings(nodes, agent, sync, net, kafka, agentWait, space, heap);
    }

    public LabSettings withHeap(String h) {
        return new LabSettings(nodes, agent, sync, net, kafka, agentWait, cdcTotalSpace, h);
    }

    /** The address of node {@code n} (1-based). */
    public String address(int n) {
        return net + "." + n;
    }

    /** JMX port of node {@code n}: derived from the net so labs on different nets can coexist, below the ephemeral range. */
    public int jmxPort(int n) {
        return 7200 + Integer.parseInt(net.substring(net.lastIndexOf('.') + 1)) * 100 + n;
    }

    public String kafkaBootstrap() {
        return address(1) + ":9092";
    }

    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("agent", Boolean.toString(agent));
        p.setProperty("sync", sync.toString());
        p.setProperty("net", net);
        p.setProperty("kafka", Boolean.toString(kafka));
        p.setProperty("agent-wait", agentWait.name());
        p.setProperty("cdc-total-space", cdcTotalSpace);
        p.setProperty("heap", heap);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "ringtap lab settings (fixed at creation)");
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static LabSettings load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new LabSettings(Integer.parseInt(p.getProperty("nodes")), Boolean.parseBoolean(p.getProperty("agent")),
                SyncMode.parse(p.getProperty("sync")), p.getProperty("net"), Boolean.parseBoolean(p.getProperty("kafka")),
                AgentWait.valueOf(p.getProperty("agent-wait")), p.getProperty("cdc-total-space"), p.getProperty("heap"));
    }
}
