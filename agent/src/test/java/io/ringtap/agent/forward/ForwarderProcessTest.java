package io.ringtap.agent.forward;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ForwarderProcessTest {

    @Test
    void should_exit_with_bad_config_when_bootstrap_servers_missing() throws Exception {
        // Given a node config without Kafka (valid for the node, which does not forward)
        Map<String, String> config = new HashMap<>();
        config.put("queue.directory", "/q");
        config.put("forward.enabled", "false");
        config.put("forward.topic-prefix", "x");
        config.put("forward.host-id", "h1");

        // When
        int exit = ForwarderProcess.run(TestSettings.config(config), new FakeQueue(), new ForwarderStats());

        // Then
        assertThat(exit).isEqualTo(ForwarderProcess.BAD_CONFIG);
    }

    @Test
    void should_take_host_id_from_oldest_entry_when_queue_not_empty() throws Exception {
        // Given
        FakeQueue queue = new FakeQueue();
        queue.append(1);

        // When
        String host = ForwarderProcess.hostIdFromQueue(queue, 10);

        // Then
        assertThat(host).isEqualTo(FakeQueue.HOST);
        assertThat(ForwarderProcess.hostIdFromQueue(new FakeQueue(), 10)).isNull();
    }
}
