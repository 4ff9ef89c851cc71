package io.ringtap.bench;

import io.ringtap.lab.SyncMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text edits of a lab node's rendered confs, so one lab can be re-run under several configurations. */
public final class NodeConf {
    private NodeConf() {
    }

    /** {@code cassandra.yaml} with its commitlog_sync block replaced by {@code mode}'s, in the same place. */
    public static String withSync(String cassandraYaml, SyncMode mode) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String line : cassandraYaml.split("\n", -1)) {
            String t = line.trim();
            if (t.startsWith("commitlog_sync:") || t.startsWith("commitlog_sync_period:")
                    || t.startsWith("commitlog_sync_group_window:") || t.startsWith("commitlog_sync_batch_window_in_ms:")) {
                if (!placed) {
                    out.add(mode.yaml());
                    placed = true;
                }
                continue;
            }
            out.add(line);
        }
        if (!placed) {
            out.add(mode.yaml());
        }
        return String.join("\n", out);
    }

    /** A flat {@code ringtap.yaml}: the lab's two keys, then {@code overrides} in their order. */
    public static String agentYaml(String queueDirectory, String kafkaBootstrap, Map<String, String> overrides) {
        StringBuilder sb = new StringBuilder("# written by io.ringtap.bench\n");
        sb.append("queue.directory: ").append(queueDirectory).append('\n');
        sb.append("kafka.bootstrap.servers: ").append(kafkaBootstrap).append('\n');
        overrides.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
