package io.ringtap.agent;

import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.metrics.RingtapMetrics;
import io.ringtap.agent.queue.EventQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerGatewayTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        TriggerGateway.configure(null);
    }

    private PipelineContext context(String yaml) throws Exception {
        NodeFacts node = new NodeFacts("6f1c5e0a-0000-4000-8000-000000000001", "dc1", true,
                Paths.get("/var/lib/cassandra/cdc_raw"), Paths.get("/var/lib/cassandra/commitlog"));
        return new PipelineContext(new ConfigLoader(name -> null).parse(yaml), node, new RingtapMetrics());
    }

    @Test
    void should_publish_gateway_while_agent_runs_and_withdraw_it_when_agent_stops() throws Exception {
        // Given: an agent whose queue resource shares the queue, then the gateway resource, as Pipeline wires them
        PipelineContext context = context("queue.directory: " + dir + "\nforward.enabled: false\ntriggers.on-missing-agent: skip-with-error\n");
        RingtapAgent agent = RingtapAgent.builder(context)
                .resource("queue", c -> {
                    EventQueue q = EventQueue.open(dir, null, 0);
                    c.share(EventQueue.class, q);
                    return q;
                })
                .resource("triggers", TriggerGateway::open)
                .build();

        // When the agent starts
        agent.start();

        // Then triggers find the node's facts and the configured setting
        TriggerGateway g = TriggerGateway.current();
        assertThat(g).isNotNull();
        assertThat(g.hostId()).isEqualTo("6f1c5e0a-0000-4000-8000-000000000001");
        assertThat(g.datacenter()).isEqualTo("dc1");
        assertThat(TriggerGateway.configuredOnMissingAgent()).isEqualTo("skip-with-error");

        // When it stops, Then the gateway is gone (before the queue closed), the setting stays
        agent.close();
        assertThat(TriggerGateway.current()).isNull();
        assertThat(TriggerGateway.configuredOnMissingAgent()).isEqualTo("skip-with-error");
    }
}
