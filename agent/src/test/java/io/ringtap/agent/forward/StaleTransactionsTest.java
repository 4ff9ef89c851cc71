package io.ringtap.agent.forward;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaleTransactionsTest {
    private static final String TXN = "ringtap-forward-h1";
    private static final long OWN = 7L;
    private static final long OTHER = 9L;
    private static final String OFFSETS = "ringtap.offsets";

    private final Probe probe = new Probe();
    private final List<String> calls = new ArrayList<>();
    private final StaleTransactions stale = new StaleTransactions(probe, OFFSETS,
            StaleTransactions.eventTopics(TestSettings.of(Map.of("queue.directory", "/unused/queue", "kafka.bootstrap.servers", "127.0.0.1:1"))));

    @Test
    void should_abort_own_and_abandoned_offsets_transactions_but_not_live_ones_when_offsets_topic_holds_them() {
        // Given: the offsets topic holds open records of this node, of a node no coordinator runs, and of a live node
        OpenTransaction own = open(OFFSETS, 0, OWN, 100);
        OpenTransaction abandoned = open(OFFSETS, 0, OTHER, 100);
        OpenTransaction live = open(OFFSETS, 0, 11L, 100);
        probe.open.addAll(List.of(own, abandoned, live));
        probe.live.add(live);

        // When
        int aborted = stale.settle(TXN, this::committedAt50);

        // Then
        assertThat(aborted).isEqualTo(2);
        assertThat(probe.aborted).containsExactly(own, abandoned);
    }

    @Test
    void should_abort_own_event_transaction_after_clearing_offsets_when_its_records_are_newer_than_the_committed_position() {
        // Given: this node's position record and an event partition both left open by a transaction sent at 200
        OpenTransaction position = open(OFFSETS, 0, OWN, 200);
        OpenTransaction events = open("ringtap.ks.t", 3, OWN, 200);
        probe.open.addAll(List.of(events, position));

        // When: the last committed position was sent at 50
        int aborted = stale.settle(TXN, this::committedAt50);

        // Then: both are aborted, and the committed position was read only once the offsets topic was cleared
        assertThat(aborted).isEqualTo(2);
        assertThat(calls).containsExactly("abort " + position.partition, "read committed", "abort " + events.partition);
    }

    @Test
    void should_leave_own_event_transaction_when_a_committed_position_covers_it() {
        // Given: records sent at 40, before the committed position record (50): Kafka committed them but skipped the marker
        probe.open.add(open("ringtap.ks.t", 0, OWN, 40));

        // When
        int aborted = stale.settle(TXN, this::committedAt50);

        // Then
        assertThat(aborted).isZero();
        assertThat(probe.aborted).isEmpty();
    }

    @Test
    void should_leave_other_producers_and_other_topics_alone_when_they_hold_open_transactions() {
        // Given
        probe.open.add(open("ringtap.ks.t", 0, OTHER, 500));
        probe.open.add(open("payments", 0, OWN, 500));

        // When
        int aborted = stale.settle(TXN, this::committedAt50);

        // Then
        assertThat(aborted).isZero();
        assertThat(probe.aborted).isEmpty();
        assertThat(probe.topicFilter.test("payments")).isFalse();
        assertThat(probe.topicFilter.test("ringtap.ks.t")).isTrue();
        assertThat(probe.topicFilter.test(OFFSETS)).isTrue();
        assertThat(probe.mustDescribe.test(OFFSETS)).as("the offsets topic must be checked").isTrue();
        assertThat(probe.mustDescribe.test("ringtap.ks.t")).as("an offline event partition may be skipped").isFalse();
    }

    @Test
    void should_fail_retriably_naming_the_manual_command_when_aborting_is_not_authorized() {
        // Given
        probe.open.add(open(OFFSETS, 0, OWN, 200));
        probe.abortError = new ClusterAuthorizationException("denied");

        // When / Then: a plain KafkaException (not an authorization error), so the forwarder retries instead of stopping
        assertThatThrownBy(() -> stale.settle(TXN, this::committedAt50))
                .isExactlyInstanceOf(KafkaException.class)
                .hasMessageContaining("grant ALTER on the cluster")
                .hasMessageContaining("kafka-transactions.sh --bootstrap-server <broker> abort --topic ringtap.offsets --partition 0 --start-offset 1000");
        assertThat(KafkaErrors.isFatal(new KafkaException("x"))).isFalse();
    }

    @Test
    void should_skip_the_check_when_describing_producers_is_not_authorized() {
        // Given
        probe.describeError = new TopicAuthorizationException("denied");

        // When
        int aborted = stale.settle(TXN, this::committedAt50);

        // Then
        assertThat(aborted).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void should_match_only_topics_the_template_produces_when_given_a_custom_template() {
        // Given
        Predicate<String> topics = StaleTransactions.eventTopics(TestSettings.of(Map.of("queue.directory", "/unused/queue",
                "kafka.bootstrap.servers", "127.0.0.1:1", "forward.topic-template", "cdc-${keyspace}__${table}.v1")));

        // Then
        assertThat(topics.test("cdc-shop__orders.v1")).isTrue();
        assertThat(topics.test("cdc-shop__orders.v2")).isFalse();
        assertThat(topics.test("cdcXshop__orders.v1")).isFalse();
    }

    private CommittedPositionReader.Last committedAt50() {
        calls.add("read committed");
        return new CommittedPositionReader.Last(41, 50);
    }

    private static OpenTransaction open(String topic, int partition, long producerId, long lastTimestamp) {
        return new OpenTransaction(new TopicPartition(topic, partition), producerId, 3, 1, 1000, lastTimestamp);
    }

    private final class Probe implements TransactionProbe {
        final List<OpenTransaction> open = new ArrayList<>();
        final List<OpenTransaction> live = new ArrayList<>();
        final List<OpenTransaction> aborted = new ArrayList<>();
        Predicate<String> topicFilter;
        Predicate<String> mustDescribe;
        RuntimeException abortError;
        RuntimeException describeError;

        @Override
        public OptionalLong producerId(String transactionalId) {
            return transactionalId.equals(TXN) ? OptionalLong.of(OWN) : OptionalLong.empty();
        }

        @Override
        public List<OpenTransaction> openTransactions(Predicate<String> topics, Predicate<String> mustDescribe) {
            if (describeError != null) {
                throw describeError;
            }
            topicFilter = topics;
            this.mustDescribe = mustDescribe;
            List<OpenTransaction> matching = new ArrayList<>();
            for (OpenTransaction t : open) {
                if (topics.test(t.partition.topic())) {
                    matching.add(t);
                }
            }
            return matching;
        }

        @Override
        public boolean isLive(OpenTransaction t) {
            return live.contains(t);
        }

        @Override
        public void abort(OpenTransaction t) {
            if (abortError != null) {
                throw abortError;
            }
            calls.add("abort " + t.partition);
            aborted.add(t);
        }

        @Override
        public void close() {
        }
    }

}
