package io.ringtap.agent.forward;

import io.ringtap.agent.metrics.ForwarderState;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ForwarderTest {
    private final FakeQueue queue = new FakeQueue();
    private final FakeKafka kafka = new FakeKafka();
    private final ForwarderStats stats = new ForwarderStats();
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private static ForwarderSettings settings(int maxEntries) {
        Map<String, String> c = new HashMap<>();
        c.put("queue.directory", "/unused/queue");
        c.put("kafka.bootstrap.servers", "unused:9092");
        c.put("forward.batch-max-entries", Integer.toString(maxEntries));
        c.put("forward.poll-timeout-ms", "20");
        c.put("forward.backoff-initial-ms", "10");
        c.put("forward.backoff-max-ms", "50");
        return TestSettings.of(c);
    }

    private void start(int maxEntries) {
        Forwarder forwarder = new Forwarder(settings(maxEntries), FakeQueue.HOST, queue, kafka, stats);
        thread = new Thread(() -> {
            try {
                forwarder.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ringtap-forward-test");
        thread.start();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> describe(List<ProducerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : records) {
            out.add(r.topic().equals(FakeKafka.OFFSETS)
                    ? "offsets index=" + CommittedPosition.indexOf(r.value())
                    : r.topic() + " " + str(r.key()) + " " + str(r.headers().lastHeader("ringtap.id").value()));
        }
        return out;
    }

    @Test
    void should_commit_whole_entries_with_position_inside_transaction_when_batch_is_full() throws Exception {
        // Given three entries of two events and batches of at most two entries
        queue.append(2);
        queue.append(2);
        queue.append(2);

        // When
        start(2);
        await(() -> stats.committedIndex.get() == 30);

        // Then two transactions: entries 1-2 then position 20, entry 3 then position 30
        MockProducer<byte[], byte[]> producer = kafka.producers.get(0);
        assertThat(producer.commitCount()).isEqualTo(2);
        assertThat(describe(producer.history())).containsExactly(
                "ringtap.ks.t {\"k\":1} 00000000000000010000000000000000",
                "ringtap.ks.t {\"k\":1} 00000000000000010000000000000001",
                "ringtap.ks.t {\"k\":2} 00000000000000020000000000000000",
                "ringtap.ks.t {\"k\":2} 00000000000000020000000000000001",
                "offsets index=20",
                "ringtap.ks.t {\"k\":3} 00000000000000030000000000000000",
                "ringtap.ks.t {\"k\":3} 00000000000000030000000000000001",
                "offsets index=30");
        ProducerRecord<byte[], byte[]> position = producer.history().get(4);
        assertThat(str(position.key())).isEqualTo(FakeQueue.HOST);
        assertThat(str(position.value())).isEqualTo("{\"v\":1,\"node\":\"" + FakeQueue.HOST
                + "\",\"index\":20,\"segment\":1000,\"position\":200,\"events\":4}");
        assertThat(stats.eventsForwarded.get()).isEqualTo(6);
        assertThat(queue.forwarded).isEqualTo(30);
        assertThat(kafka.ensuredTopics).containsExactly("offsets:ringtap.offsets", "ringtap.ks.t");
        assertThat(kafka.lastProducerConfig).containsEntry("transactional.id", "ringtap-forward-" + FakeQueue.HOST);
        await(() -> stats.lagEntries.get() == 0);
    }

    @Test
    void should_resume_after_committed_index_when_offsets_topic_holds_a_position() throws Exception {
        // Given a position for entry 2 committed by a predecessor, and another host's position
        queue.append(1);
        queue.append(1);
        queue.append(1);
        kafka.seededOffsets.add(FakeKafka.offsetsRecord("other-host", 30));
        kafka.seededOffsets.add(FakeKafka.offsetsRecord(FakeQueue.HOST, 20));

        // When
        start(10);
        await(() -> stats.committedIndex.get() == 30);

        // Then only entry 3 is sent
        assertThat(queue.startedAfter).containsExactly(20L);
        assertThat(kafka.committedIds()).containsExactly("00000000000000030000000000000000");
    }

    @Test
    void should_abort_transactions_kafka_left_open_before_sending_when_connecting() throws Exception {
        // Given a transaction of this node that Kafka left open on the offsets topic, and one entry to send
        queue.append(1);
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        OpenTransaction open = new OpenTransaction(new org.apache.kafka.common.TopicPartition(FakeKafka.OFFSETS, 0), 7L, 3, 1, 100, 5);
        kafka.probe = new TransactionProbe() {
            @Override public java.util.OptionalLong producerId(String transactionalId) { return java.util.OptionalLong.of(7L); }
            @Override public List<OpenTransaction> openTransactions(java.util.function.Predicate<String> topics,
                                                              java.util.function.Predicate<String> mustDescribe) {
                calls.add("find " + topics.test(FakeKafka.OFFSETS) + " " + topics.test("ringtap.ks.t"));
                return calls.contains("abort") ? List.of() : List.of(open);
            }
            @Override public boolean isLive(OpenTransaction t) { return false; }
            @Override public void abort(OpenTransaction t) { calls.add("abort"); }
            @Override public void close() { calls.add("close"); }
        };

        // When
        start(10);
        await(() -> stats.committedIndex.get() == 10);

        // Then it was aborted once, before anything was sent, and counted
        assertThat(calls).startsWith("find true true", "abort");
        assertThat(kafka.producers.get(0).commitCount()).isEqualTo(1);
        assertThat(stats.transactionsAborted.get()).isEqualTo(1);
    }

    @Test
    void should_abort_and_resend_same_records_when_commit_fails_retriably() throws Exception {
        // Given a first producer whose commit times out (broker gone), then a healthy one
        queue.append(2);
        queue.append(1);
        MockProducer<byte[], byte[]> failing = FakeKafka.newProducer();
        failing.commitTransactionException = new TimeoutException("broker down");
        kafka.prepared.add(failing);

        // When
        start(10);
        await(() -> stats.committedIndex.get() == 20);

        // Then the first transaction was aborted, nothing of it committed, and the second producer resent it all
        assertThat(failing.transactionAborted()).isTrue();
        assertThat(failing.history()).isEmpty();
        assertThat(failing.closed()).isTrue();
        assertThat(kafka.producers).hasSize(2);
        assertThat(describe(kafka.producers.get(1).history())).containsExactly(
                "ringtap.ks.t {\"k\":1} 00000000000000010000000000000000",
                "ringtap.ks.t {\"k\":1} 00000000000000010000000000000001",
                "ringtap.ks.t {\"k\":2} 00000000000000020000000000000000",
                "offsets index=20");
        assertThat(queue.startedAfter).containsExactly(ForwardSource.NO_INDEX, ForwardSource.NO_INDEX);
        assertThat(stats.kafkaErrors.get()).isEqualTo(1);
        assertThat(stats.transactionsAborted.get()).isEqualTo(1);
        assertThat(stats.eventsForwarded.get()).isEqualTo(3);
        assertThat(stats.state.get()).isEqualTo(ForwarderState.FORWARDING);
    }

    @Test
    void should_not_resend_when_commit_outcome_unknown_but_committed() throws Exception {
        // Given a producer whose commit reaches the broker but reports a timeout, then one more entry
        queue.append(1);
        MockProducer<byte[], byte[]> ambiguous = new MockProducer<byte[], byte[]>(true, null,
                new ByteArraySerializer(), new ByteArraySerializer()) {
            private boolean once;
            @Override
            public void commitTransaction() {
                super.commitTransaction();
                if (!once) {
                    once = true;
                    throw new TimeoutException("commit response lost");
                }
            }
        };
        kafka.prepared.add(ambiguous);

        // When
        start(10);
        await(() -> kafka.producers.size() == 2 && stats.state.get() == ForwarderState.FORWARDING);
        queue.append(1);
        await(() -> stats.committedIndex.get() == 20);

        // Then the reconnect read position 10 back from the offsets topic: entry 1 exactly once
        assertThat(queue.startedAfter).containsExactly(ForwardSource.NO_INDEX, 10L);
        assertThat(kafka.committedIds()).containsExactly(
                "00000000000000010000000000000000", "00000000000000020000000000000000");
    }

    @Test
    void should_report_failed_and_return_when_fenced() throws Exception {
        // Given a producer fenced by another forwarder of the same node
        queue.append(1);
        MockProducer<byte[], byte[]> fenced = FakeKafka.newProducer();
        fenced.commitTransactionException = new ProducerFencedException("newer epoch");
        kafka.prepared.add(fenced);

        // When
        start(10);
        thread.join(10_000);

        // Then
        assertThat(thread.isAlive()).isFalse();
        assertThat(stats.state.get()).isEqualTo(ForwarderState.FAILED);
        assertThat(kafka.producers).hasSize(1);
        assertThat(fenced.closed()).isTrue();
        assertThat(fenced.history()).isEmpty();
        assertThat(stats.kafkaErrors.get()).isEqualTo(1);
        assertThat(stats.committedIndex.get()).isEqualTo(ForwardSource.NO_INDEX);
    }

    @Test
    void should_abort_open_transaction_and_stop_when_interrupted_during_commit() throws Exception {
        // Given a commit interrupted the way KafkaProducer reports it
        queue.append(1);
        MockProducer<byte[], byte[]> interrupted = new MockProducer<byte[], byte[]>(true, null,
                new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                // like KafkaProducer: sets the calling thread's interrupt flag and throws
                throw new InterruptException("stop");
            }
        };
        kafka.prepared.add(interrupted);

        // When
        start(10);
        thread.join(10_000);

        // Then
        assertThat(thread.isAlive()).isFalse();
        assertThat(stats.state.get()).isEqualTo(ForwarderState.STOPPED);
        assertThat(interrupted.transactionAborted()).isTrue();
        assertThat(interrupted.closed()).isTrue();
        assertThat(stats.kafkaErrors.get()).isZero();
        assertThat(kafka.producers).hasSize(1);
    }

    @Test
    void should_close_producer_and_stop_when_interrupted_while_idle() throws Exception {
        // Given a running forwarder with nothing to do
        start(10);
        await(() -> stats.state.get() == ForwarderState.FORWARDING);

        // When
        thread.interrupt();
        thread.join(10_000);

        // Then
        assertThat(thread.isAlive()).isFalse();
        assertThat(stats.state.get()).isEqualTo(ForwarderState.STOPPED);
        assertThat(kafka.producers.get(0).closed()).isTrue();
        assertThat(kafka.producers.get(0).history()).isEmpty();
    }
}
