package io.ringtap.triggers;

import io.ringtap.agent.TriggerGateway;
import io.ringtap.agent.cassandra.MutationDecoder;
import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Source;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;
import org.apache.cassandra.db.context.CounterContext;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.exceptions.InvalidRequestException;
import org.apache.cassandra.schema.TableMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger on PartitionUpdates built with Cassandra's API, with and without a running agent. */
class RingtapTriggerTest {
    private static final long TS = 1763863687123456L;
    private static final String HOST = "8f14e45f-ceea-467f-a0e6-0a1b2c3d4e5f";
    private static final String TRIGGER_SOURCE =
            "\"source\":{\"capture\":\"trigger\",\"node\":\"" + HOST + "\",\"dc\":\"analytics\"}}";
    // no cdc = true: trigger-only capture
    private static final TableMetadata READINGS = Tables.table("CREATE TABLE shop.readings (wsid text, year int, "
            + "temperature double, PRIMARY KEY (wsid, year))");
    private static final TableMetadata HITS = Tables.table("CREATE TABLE shop.hits (page text PRIMARY KEY, n counter)");

    @TempDir
    Path dir;

    private final RingtapTrigger trigger = new RingtapTrigger();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void reset() throws Exception {
        System.clearProperty(OnMissingAgent.PROPERTY);
        TriggerGateway.configure(null);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private EventQueue runningAgent(long maxBytes) {
        EventQueue queue = EventQueue.open(dir, null, maxBytes);
        toClose.add(queue);
        toClose.add(TriggerGateway.publish(queue, HOST, "analytics"));
        return queue;
    }

    private static List<QueueEntry> entries(EventQueue queue) {
        List<QueueEntry> out = new ArrayList<>();
        try (EventQueue.QueueReader r = queue.reader()) {
            for (QueueEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> jsonWithoutIds(List<EavEvent> events) {
        return events.stream().map(e -> e.json().replace("\"id\":\"" + e.id() + "\"", "\"id\":\"ID\""))
                .collect(Collectors.toList());
    }

    private static PartitionUpdate insertReading() {
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(READINGS, "725030:14732").timestamp(TS);
        b.row(2026).add("temperature", -5.6);
        return b.build();
    }

    @Test
    void should_queue_trigger_events_and_add_no_mutation_when_agent_runs() {
        // Given: the agent runs and the table has no cdc flag
        EventQueue queue = runningAgent(0);
        PartitionUpdate update = insertReading();

        // When
        Object added = trigger.augment(update);

        // Then: one excerpt, source trigger without segment/position, the decoder's events
        assertThat(added).asList().isEmpty();
        List<QueueEntry> entries = entries(queue);
        assertThat(entries).hasSize(1);
        Source source = entries.get(0).source();
        assertThat(source.capture()).isEqualTo("trigger");
        assertThat(source.node()).isEqualTo(HOST);
        assertThat(source.dc()).isEqualTo("analytics");
        assertThat(source.hasPosition()).isFalse();
        String head = "{\"v\":1,\"id\":\"ID\",";
        String where = "\"keyspace\":\"shop\",\"table\":\"readings\",\"key\":{\"wsid\":\"725030:14732\"},"
                + "\"clustering\":{\"year\":2026},";
        assertThat(jsonWithoutIds(entries.get(0).events())).containsExactly(
                head + "\"op\":\"row\"," + where + "\"ts\":1763863687123456," + TRIGGER_SOURCE,
                head + "\"op\":\"cell\"," + where + "\"column\":\"temperature\",\"value\":-5.6,\"type\":\"double\","
                        + "\"ts\":1763863687123456," + TRIGGER_SOURCE);
    }

    @Test
    void should_give_events_the_ids_cdc_gives_when_same_update_is_captured_both_ways() {
        // Given
        EventQueue queue = runningAgent(0);
        PartitionUpdate update = insertReading();
        List<EavEvent> viaCdc = new MutationDecoder().decode(update, Source.cdc(HOST, "analytics", 17L, 42));

        // When
        trigger.augment(update);

        // Then
        assertThat(entries(queue).get(0).events()).extracting(EavEvent::id)
                .containsExactlyElementsOf(viaCdc.stream().map(EavEvent::id).collect(Collectors.toList()));
    }

    @Test
    void should_queue_one_excerpt_per_write_in_call_order_when_deletions_follow() {
        // Given
        EventQueue queue = runningAgent(0);
        PartitionUpdate.SimpleBuilder delete = PartitionUpdate.simpleBuilder(READINGS, "725030:14732").timestamp(TS + 1);
        delete.delete();

        // When
        trigger.augment(insertReading());
        trigger.augment(delete.build());

        // Then
        List<QueueEntry> entries = entries(queue);
        assertThat(entries).hasSize(2);
        assertThat(jsonWithoutIds(entries.get(1).events())).containsExactly(
                "{\"v\":1,\"id\":\"ID\",\"op\":\"partition_delete\",\"keyspace\":\"shop\",\"table\":\"readings\","
                        + "\"key\":{\"wsid\":\"725030:14732\"},\"ts\":1763863687123457," + TRIGGER_SOURCE);
    }

    @Test
    void should_fail_write_naming_missing_agent_when_agent_not_running_by_default() {
        // Given: no gateway, no property, no agent config

        // When / Then
        assertThatThrownBy(() -> trigger.augment(insertReading()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ringtap trigger refused the write to shop.readings")
                .hasMessageContaining("the ringtap agent is not running on this node")
                .hasMessageContaining("triggers.on-missing-agent is fail")
                .hasMessageNotContaining("725030");
    }

    @Test
    void should_let_write_through_and_count_it_when_agent_not_running_and_property_skips() {
        // Given
        System.setProperty(OnMissingAgent.PROPERTY, "skip-with-error");
        long before = TriggerGateway.uncapturedWrites();

        // When
        Object added = trigger.augment(insertReading());

        // Then
        assertThat(added).asList().isEmpty();
        assertThat(TriggerGateway.uncapturedWrites()).isEqualTo(before + 1);
    }

    @Test
    void should_follow_agent_config_when_agent_loaded_config_but_does_not_run() {
        // Given: the agent read skip-with-error from ringtap.yaml, then stayed idle (e.g. datacenter not captured)
        TriggerGateway.configure("skip-with-error");
        long before = TriggerGateway.uncapturedWrites();

        // When
        trigger.augment(insertReading());

        // Then
        assertThat(TriggerGateway.uncapturedWrites()).isEqualTo(before + 1);
    }

    @Test
    void should_fail_write_when_property_says_fail_whatever_agent_config_says() {
        // Given
        TriggerGateway.configure("skip-with-error");
        System.setProperty(OnMissingAgent.PROPERTY, "fail");
        long before = TriggerGateway.uncapturedWrites();

        // When / Then
        assertThatThrownBy(() -> trigger.augment(insertReading()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not running");
        assertThat(TriggerGateway.uncapturedWrites()).isEqualTo(before);
    }

    @Test
    void should_refuse_counter_table_and_queue_nothing_when_agent_runs() {
        // Given: what the coordinator sees for UPDATE hits SET n = n + 4 (a delta, not a shard)
        EventQueue queue = runningAgent(0);
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(HITS, "/").timestamp(TS);
        b.row().add("n", CounterContext.instance().createUpdate(4));
        PartitionUpdate update = b.build();

        // When / Then
        assertThatThrownBy(() -> trigger.augment(update))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("shop.hits")
                .hasMessageContaining("counter tables cannot be captured by the ringtap trigger");
        assertThat(entries(queue)).isEmpty();
    }

    @Test
    void should_let_counter_write_through_uncaptured_when_setting_skips() {
        // Given
        EventQueue queue = runningAgent(0);
        TriggerGateway.configure("skip-with-error");
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(HITS, "/").timestamp(TS);
        b.row().add("n", CounterContext.instance().createUpdate(4));
        long before = TriggerGateway.uncapturedWrites();

        // When
        trigger.augment(b.build());

        // Then
        assertThat(entries(queue)).isEmpty();
        assertThat(TriggerGateway.uncapturedWrites()).isEqualTo(before + 1);
    }

    @Test
    void should_refuse_write_without_blocking_when_queue_is_over_max_bytes() throws Exception {
        // Given: a queue holding one excerpt, reopened with max-bytes 1
        try (EventQueue seeded = EventQueue.open(dir, null, 0)) {
            seeded.append(new CapturedMutation(Source.trigger(HOST, "analytics"),
                    new MutationDecoder().decode(insertReading(), Source.trigger(HOST, "analytics"))));
        }
        EventQueue queue = runningAgent(1);

        // When / Then
        assertThatThrownBy(() -> trigger.augment(insertReading()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("over queue.max-bytes");
        assertThat(entries(queue)).hasSize(1);
    }

    @Test
    void should_see_no_agent_after_gateway_is_withdrawn() throws Exception {
        // Given: an agent that ran, then stopped
        EventQueue queue = EventQueue.open(dir, null, 0);
        toClose.add(queue);
        TriggerGateway.publish(queue, HOST, "analytics").close();

        // When / Then
        assertThat(TriggerGateway.current()).isNull();
        assertThatThrownBy(() -> trigger.augment(insertReading()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not running");
        assertThat(entries(queue)).isEmpty();
    }
}
