package io.ringtap.agent.cassandra;

import ch.qos.logback.classic.Level;
import com.codahale.metrics.Metric;
import io.ringtap.agent.NodeFacts;
import io.ringtap.agent.metrics.RingtapMetrics;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.metrics.CassandraMetricsRegistry;
import org.apache.cassandra.metrics.DefaultNameFactory;
import org.apache.cassandra.service.StorageService;
import org.slf4j.LoggerFactory;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The port to the running Cassandra node for everything that is not the commit log: when it finished
 * starting, who and where it is, where its directories are, its metrics registry and its logging.
 * The only place outside the decoders that touches Cassandra classes.
 */
public final class CassandraNode {
    /** Registered by Cassandra once StorageService exists; waiting for it touches no Cassandra class. */
    public static final String STORAGE_SERVICE_MBEAN = "org.apache.cassandra.db:type=StorageService";

    private static final List<String> CHATTY_LOGGERS = List.of(
            "org.apache.cassandra.db.commitlog.CommitLogReader", "org.apache.kafka", "net.openhft");

    private CassandraNode() {
    }

    /**
     * Blocks until the node finished starting: first polls the platform MBean server for
     * {@link #STORAGE_SERVICE_MBEAN} (loading no Cassandra class, so Cassandra's own static
     * initialisation order is untouched), then {@code StorageService.instance.isDaemonSetupCompleted()}.
     */
    public static CassandraNode awaitStarted(long pollMillis) throws InterruptedException {
        ObjectName storageService;
        try {
            storageService = new ObjectName(STORAGE_SERVICE_MBEAN);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(storageService)) {
            Thread.sleep(pollMillis);
        }
        while (!StorageService.instance.isDaemonSetupCompleted()) {
            Thread.sleep(pollMillis);
        }
        return new CassandraNode();
    }

    /** The node's identity and directories. */
    public NodeFacts facts() {
        return new NodeFacts(StorageService.instance.getLocalHostId(), DatabaseDescriptor.getLocalDataCenter(),
                DatabaseDescriptor.isCDCEnabled(), path(DatabaseDescriptor.getCDCLogLocation()),
                path(DatabaseDescriptor.getCommitLogLocation()));
    }

    /**
     * Registers every metric in Cassandra's metrics registry as
     * {@code org.apache.cassandra.metrics:type=Ringtap,name=<name>} (JMX and the registry's reporters).
     * Registering twice keeps the first metric (Cassandra's registry semantics).
     */
    public void registerMetrics(Map<String, Metric> metrics) {
        for (Map.Entry<String, Metric> e : metrics.entrySet()) {
            CassandraMetricsRegistry.Metrics.register(metricName(e.getKey()), e.getValue());
        }
    }

    /** Cassandra's name of ringtap metric {@code name}. */
    static CassandraMetricsRegistry.MetricName metricName(String name) {
        return DefaultNameFactory.createMetricName(RingtapMetrics.TYPE, name, null);
    }

    /**
     * Raises to WARN the loggers that would flood the node's system.log at INFO: Cassandra's
     * CommitLogReader (one line per segment read, i.e. every capture poll), the Kafka clients (their full
     * configuration on every forwarder reconnect) and Chronicle (timings and its release announcer).
     * No-op unless logging is logback (Cassandra's default). A logback reconfiguration (logback.xml edited
     * while scan is on) resets it.
     */
    public static void quietChattyLoggers() {
        for (String name : CHATTY_LOGGERS) {
            org.slf4j.Logger logger = LoggerFactory.getLogger(name);
            if (logger instanceof ch.qos.logback.classic.Logger) {
                ((ch.qos.logback.classic.Logger) logger).setLevel(Level.WARN);
            }
        }
    }

    private static Path path(String location) {
        return location == null ? null : Paths.get(location).toAbsolutePath().normalize();
    }
}
