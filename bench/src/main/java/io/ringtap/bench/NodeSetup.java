package io.ringtap.bench;

import io.ringtap.lab.SyncMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the bench node runs for one configuration.
 *
 * @param sync           commitlog_sync mode
 * @param agent          run the ringtap agent ({@code -javaagent}, via the node's {@code conf/jvm-extra.options})
 * @param agentOverrides ringtap.yaml keys beyond queue.directory and kafka.bootstrap.servers
 * @param jvmOptions     further node JVM options (e.g. {@code -XX:StartFlightRecording=...})
 */
public record NodeSetup(SyncMode sync, boolean agent, Map<String, String> agentOverrides, List<String> jvmOptions) {

    public static NodeSetup withoutAgent(SyncMode sync) {
        return new NodeSetup(sync, false, Map.of(), List.of());
    }

    public static NodeSetup withAgent(SyncMode sync, Map<String, String> overrides) {
        return new NodeSetup(sync, true, overrides, List.of());
    }

    public NodeSetup withJvmOptions(List<String> options) {
        return new NodeSetup(sync, agent, agentOverrides, options);
    }

    /**
     * The node records a JFR profile ({@code settings=profile}) into {@code <repo>/bench/target/jfr/jfr-<label>-<time>.jfr},
     * outside the lab folder, which the suites delete; dumped when the node stops.
     */
    public NodeSetup withJfr(Path repoRoot, String label) {
        Path dir = repoRoot.resolve("bench/target/jfr");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = dir.resolve("jfr-" + label.replaceAll("[^A-Za-z0-9]+", "-") + "-" + System.currentTimeMillis() + ".jfr").toString();
        return withJvmOptions(List.of("-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true"));
    }
}
