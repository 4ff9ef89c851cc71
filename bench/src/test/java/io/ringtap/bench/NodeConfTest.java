package io.ringtap.bench;

import io.ringtap.lab.SyncMode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConfTest {

    @Test
    void should_replace_the_sync_block_in_place_when_switching_to_group() {
        // Given: a rendered cassandra.yaml with periodic sync
        String yaml = "commitlog_directory: /x\ncommitlog_sync: periodic\ncommitlog_sync_period: 10000ms\ncdc_enabled: true\n";

        // When
        String out = NodeConf.withSync(yaml, SyncMode.GROUP);

        // Then: the group block where the periodic one was, nothing else changed
        assertThat(out).isEqualTo("commitlog_directory: /x\ncommitlog_sync: group\ncommitlog_sync_group_window: 15ms\n"
                + "cdc_enabled: true\n");
        assertThat(NodeConf.withSync(out, SyncMode.PERIODIC)).isEqualTo(yaml);
    }

    @Test
    void should_write_overrides_after_the_lab_keys_when_rendering_the_agent_config() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("capture.read-ahead", "true");
        overrides.put("capture.poll-interval-ms", "20");

        String out = NodeConf.agentYaml("/q", "127.0.23.1:9092", overrides);

        assertThat(out).endsWith("queue.directory: /q\nkafka.bootstrap.servers: 127.0.23.1:9092\n"
                + "capture.read-ahead: true\ncapture.poll-interval-ms: 20\n");
    }
}
