package io.ringtap.bench.capture;

import io.ringtap.agent.config.ConfigException;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.forward.Forwarder;
import io.ringtap.agent.forward.ForwarderSettings;
import io.ringtap.agent.forward.ForwarderStats;
import io.ringtap.agent.forward.KafkaClients;
import io.ringtap.agent.metrics.ForwarderState;
import io.ringtap.agent.queue.QueueForwardSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Variants (c) and (d) against the lab broker.
 *
 * <p>(c): {@link CaptureRun} plus the real {@link Forwarder} on the same queue (as Pipeline.forwarder builds it:
 * {@link QueueForwardSource}, {@link KafkaClients#real()}, default forward.* settings). The forwarder connects
 * first (initTransactions, offsets read: once per node life, not per event); the clock runs from the start of
 * capture until the forwarder committed the queue's last entry.
 *
 * <p>(d): a bare producer made from the same {@link KafkaClients#producerConfig} (transactional, idempotent,
 * acks=all, lz4, 5 ms linger, 256 KiB batches), sending the records of (c)'s queue ({@link RecordFile}) in
 * transactions cut by the forwarder's own rule (forward.batch-max-entries entries or forward.batch-max-bytes
 * of estimated size, whichever first), each with one offsets-topic record like the forwarder's. Clock: first
 * send to last commit.
 */
final class KafkaRuns {
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(20);

    private final String bootstrap;

    KafkaRuns(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    RingtapConfig config(Path queueDir, String prefix) throws ConfigException {
        return new ConfigLoader().fromMap(Map.of(
                "queue.directory", queueDir.toString(),
                "kafka.bootstrap.servers", bootstrap,
                "forward.topic-prefix", prefix));
    }

    /** Runs (c); when {@code recordFile} is not null, also writes the records of its queue there (untimed). */
    RunResult fullPath(int run, List<Path> segments, long bytes, Path work, String prefix, Path recordFile)
            throws Exception {
        String host = UUID.randomUUID().toString();
        try (CaptureRun capture = new CaptureRun(segments, work, host, "dc1")) {
            RingtapConfig config = config(capture.queueDir(), prefix);
            ForwarderStats fstats = new ForwarderStats();
            try (QueueForwardSource source = new QueueForwardSource(capture.queue(),
                    Duration.ofHours(config.queueRetentionHours()))) {
                Forwarder forwarder = new Forwarder(ForwarderSettings.from(config), host, source, KafkaClients.real(), fstats);
                Thread thread = CaptureRun.daemon(forwarder);
                thread.start();
                CaptureRun.awaitTrue(() -> fstats.state() == ForwarderState.FORWARDING
                        || fstats.state() == ForwarderState.FAILED, TimeUnit.MINUTES.toNanos(2), "the forwarder to connect");
                long t0 = System.nanoTime();
                capture.start();
                capture.awaitCaptured(TIMEOUT_NANOS);
                long last = capture.queue().lastIndex();
                CaptureRun.awaitTrue(() -> fstats.committedIndex.get() >= last || fstats.state() == ForwarderState.FAILED,
                        TIMEOUT_NANOS, "the forwarder to commit queue index " + last);
                long nanos = System.nanoTime() - t0;
                thread.interrupt();
                thread.join(30_000);
                if (fstats.state() == ForwarderState.FAILED || fstats.kafkaErrors() > 0) {
                    throw new IllegalStateException("forwarder: state " + fstats.state() + ", " + fstats.kafkaErrors() + " Kafka errors");
                }
                long events = capture.stats().eventsCaptured();
                if (fstats.eventsForwarded() != events) {
                    throw new IllegalStateException("forwarded " + fstats.eventsForwarded() + " events of " + events);
                }
                if (recordFile != null) {
                    RecordFile.write(capture.queue(), recordFile);
                }
                return new RunResult("c", run, bytes, capture.stats().mutationsCaptured(), events, nanos);
            }
        }
    }

    /** Runs (d) over {@code recordFile}, into the topics of {@code prefix}. */
    RunResult bareProducer(int run, Path recordFile, long bytes, long mutations, Path work, String prefix) throws Exception {
        RingtapConfig config = config(work, prefix);
        ForwarderSettings settings = ForwarderSettings.from(config);
        String host = "bench-d-" + UUID.randomUUID();
        int maxEntries = config.batchMaxEntries();
        long maxBytes = config.batchMaxBytes();
        long events = 0;
        long nanos;
        Producer<byte[], byte[]> producer = KafkaClients.real().producer(KafkaClients.producerConfig(settings, host));
        try (RecordFile.Reader reader = new RecordFile.Reader(recordFile)) {
            producer.initTransactions();
            List<String> topics = new ArrayList<>();
            for (String t : reader.tables()) {
                String[] kt = t.split("\t");
                topics.add(settings.topicFor(kt[0], kt[1]));
            }
            byte[] hostKey = host.getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            List<List<RecordFile.Rec>> batch = new ArrayList<>();
            long batchBytes = 0;
            long entryIndex = 0;
            while (true) {
                List<RecordFile.Rec> entry = reader.nextEntry();
                if (entry != null) {
                    batch.add(entry);
                    batchBytes += approximateBytes(entry);
                    entryIndex++;
                }
                if (!batch.isEmpty() && (entry == null || batch.size() >= maxEntries || batchBytes >= maxBytes)) {
                    producer.beginTransaction();
                    int sent = 0;
                    for (List<RecordFile.Rec> e : batch) {
                        for (RecordFile.Rec r : e) {
                            RecordHeaders headers = new RecordHeaders();
                            headers.add(new RecordHeader("ringtap.id", r.id()));
                            headers.add(new RecordHeader("ringtap.op", r.op()));
                            producer.send(new ProducerRecord<>(topics.get(r.topic()), null, r.key(), r.value(), headers));
                            sent++;
                        }
                    }
                    String position = "{\"v\":1,\"node\":\"" + host + "\",\"index\":" + entryIndex
                            + ",\"segment\":1763863600001,\"position\":12345678,\"events\":" + sent + "}";
                    producer.send(new ProducerRecord<>(settings.offsetsTopic(), hostKey, position.getBytes(StandardCharsets.UTF_8)));
                    producer.commitTransaction();
                    events += sent;
                    batch.clear();
                    batchBytes = 0;
                }
                if (entry == null) {
                    break;
                }
            }
            nanos = System.nanoTime() - t0;
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
        return new RunResult("d", run, bytes, mutations, events, nanos);
    }

    /** Deletes the topics of {@code prefix} (each (c)/(d) pair writes about as much as its JSON). */
    void deleteTopics(String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(n -> n.startsWith(prefix + ".")).collect(Collectors.toSet());
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** The forwarder's own estimate (Forwarder.approximateBytes): string lengths, as UTF-16. */
    static long approximateBytes(List<RecordFile.Rec> entry) {
        long b = 64;
        for (RecordFile.Rec r : entry) {
            b += 2L * (r.value().length + r.key().length) + 96;
        }
        return b;
    }
}
