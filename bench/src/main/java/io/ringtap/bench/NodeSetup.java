package io.ringtap.bench;

import io.ringtap.lab.SyncMode;

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
}
