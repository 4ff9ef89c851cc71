package io.ringtap.agent.forward;

import io.ringtap.agent.RunLoop;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.metrics.ForwarderState;
import io.ringtap.agent.queue.QueueEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Ships the queue to Kafka exactly once for {@code read_committed} consumers (see the package javadoc for
 * the mechanism). One instance per node, run by one thread; interrupt it to stop.
 */
public final class Forwarder implements RunLoop {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    private static final long LAG_SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ForwarderSettings settings;
    private final String hostId;
    private final ForwardSource source;
    private final KafkaClients clients;
    private final ForwarderStats stats;
    private final RecordMapper mapper;
    private final CommittedPositionReader positionReader;
    private final Backoff backoff;
    private final ForwardLag lag;

    private Producer<byte[], byte[]> producer;
    private TopicAdmin topicAdmin;
    private TransactionProbe transactionProbe;
    private StaleTransactions staleTransactions;
    private boolean inTransaction;
    private long committedIndex = ForwardSource.NO_INDEX;

    /**
     * @param settings the forwarder's settings
     * @param hostId   the node's host id: names the transactional id and keys the committed position
     * @param source   the queue
     * @param clients  Kafka client factory ({@link KafkaClients#real()} outside tests)
     * @param stats    where counters and state are published
     */
    public Forwarder(ForwarderSettings settings, String hostId, ForwardSource source, KafkaClients clients,
                     ForwarderStats stats) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.source = Objects.requireNonNull(source, "source");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.mapper = new RecordMapper(settings);
        this.positionReader = new CommittedPositionReader(settings.offsetsTopic, Duration.ofMillis(settings.offsetsReadTimeoutMs));
        this.backoff = new Backoff(settings.backoffInitialMs, settings.backoffMaxMs);
        this.lag = new ForwardLag();
    }

    @Override
    public String name() {
        return "forward";
    }

    @Override
    public void run() throws InterruptedException {
        stats.state.set(ForwarderState.STARTING);
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (FatalForwardError e) {
            stats.state.set(ForwarderState.FAILED);
            log.error("ringtap forwarder failed and stopped: {} (transactional id {}, last committed queue index {}); "
                    + "events stay in the queue", KafkaErrors.explain(e.getCause()), settings.transactionalId(hostId),
                    committedIndex, e.getCause());
        } finally {
            shutdown();
        }
    }

    private void loop() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (producer == null) {
                    connect();
                }
                List<QueueEntry> batch = nextBatch();
                if (!batch.isEmpty()) {
                    ship(batch);
                }
                sampleLag(false);
            } catch (KafkaException e) {
                onKafkaError(e);
            } catch (InterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                // a bug or a broken queue: retrying in a loop would not help
                throw new FatalForwardError(e);
            }
        }
    }

    /**
     * (Re)connects: a fresh producer fences any predecessor, transactions Kafka left open are ended, then the
     * committed position says where to resume.
     */
    private void connect() throws InterruptedException {
        stats.state.set(ForwarderState.STARTING);
        sampleLag(true);
        if (topicAdmin == null) {
            topicAdmin = clients.topicAdmin(settings);
        }
        topicAdmin.ensureOffsetsTopic(settings.offsetsTopic);
        if (transactionProbe == null) {
            transactionProbe = clients.transactionProbe(settings);
            staleTransactions = new StaleTransactions(transactionProbe, settings.offsetsTopic, StaleTransactions.eventTopics(settings));
        }
        Producer<byte[], byte[]> p = clients.producer(KafkaClients.producerConfig(settings, hostId));
        try {
            p.initTransactions();
            long committed;
            try (Consumer<byte[], byte[]> consumer = clients.consumer(KafkaClients.consumerConfig(settings, hostId))) {
                int aborted = staleTransactions.settle(settings.transactionalId(hostId), () -> positionReader.readLast(consumer, hostId));
                stats.transactionsAborted.addAndGet(aborted);
                committed = positionReader.read(consumer, hostId);
            }
            long last = source.lastIndex();
            if (committed != ForwardSource.NO_INDEX && last != ForwardSource.NO_INDEX && committed > last) {
                // the queue was replaced (or the host id reused): entries up to the committed index are skipped
                log.warn("ringtap forwarder: the committed position (queue index {}) is beyond the queue's newest entry ({}); "
                        + "was the queue directory replaced?", committed, last);
            }
            source.startAfter(committed);
            setCommitted(committed);
            producer = p;
        } catch (RuntimeException e) {
            closeQuietly(p);
            throw e;
        }
        stats.state.set(ForwarderState.FORWARDING);
        if (backoff.failures() > 0) {
            log.info("ringtap forwarder reconnected to Kafka after {} failed attempts; resuming after queue index {}",
                    backoff.failures(), committedIndex);
        } else {
            log.info("ringtap forwarder connected (transactional id {}); resuming after queue index {}",
                    settings.transactionalId(hostId), committedIndex);
        }
        backoff.reset();
    }

    /** Whole consecutive entries, bounded by count and bytes; waits for the first, lingers briefly for more. */
    private List<QueueEntry> nextBatch() throws InterruptedException {
        List<QueueEntry> batch = new ArrayList<>();
        QueueEntry first = source.poll(settings.pollTimeoutMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long bytes = approximateBytes(first);
        long lingerUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.batchLingerMs);
        while (batch.size() < settings.batchMaxEntries && bytes < settings.batchMaxBytes) {
            long waitNanos = Math.max(0, lingerUntil - System.nanoTime());
            QueueEntry next = source.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            bytes += approximateBytes(next);
        }
        return batch;
    }

    /** One transaction: the batch's events, then the position of its last entry; all or nothing. */
    private void ship(List<QueueEntry> batch) {
        QueueEntry last = batch.get(batch.size() - 1);
        int events = 0;
        producer.beginTransaction();
        inTransaction = true;
        for (QueueEntry entry : batch) {
            for (EavEvent event : entry.events()) {
                ProducerRecord<byte[], byte[]> record = mapper.record(event);
                topicAdmin.ensureTopic(record.topic());
                producer.send(record);
                events++;
            }
        }
        CommittedPosition position = new CommittedPosition(last.index(), last.source().segment(), last.source().position());
        producer.send(new ProducerRecord<>(settings.offsetsTopic, RecordMapper.utf8(hostId), position.toValue(hostId, events)));
        producer.commitTransaction();
        inTransaction = false;
        stats.eventsForwarded.addAndGet(events);
        setCommitted(last.index());
    }

    private void setCommitted(long index) {
        committedIndex = index;
        stats.committedIndex.set(index);
        if (index != ForwardSource.NO_INDEX) {
            source.forwarded(index);
        }
    }

    /**
     * Retriable: drop the producer (its transaction, if any, is aborted by the next producer's
     * initTransactions, also when the commit's outcome is unknown), back off, reconnect, and resend from the
     * position the offsets topic says was committed. Fatal: stop.
     */
    private void onKafkaError(KafkaException e) throws InterruptedException {
        if (KafkaErrors.isInterrupt(e)) {
            throw new InterruptedException("interrupted in a Kafka call");
        }
        stats.kafkaErrors.incrementAndGet();
        if (KafkaErrors.isFatal(e)) {
            throw new FatalForwardError(e);
        }
        if (inTransaction) {
            stats.transactionsAborted.incrementAndGet();
            abortQuietly();
        }
        closeQuietly(producer);
        producer = null;
        stats.state.set(ForwarderState.RETRYING);
        long delay = backoff.nextDelayMs();
        int failures = backoff.failures();
        if (failures == 1 || failures % 10 == 0) {
            log.warn("ringtap forwarder: Kafka error (attempt {}), retrying in {} ms; events wait in the queue: {}",
                    failures, delay, e.toString());
        } else {
            log.debug("ringtap forwarder: Kafka error (attempt {}), retrying in {} ms", failures, delay, e);
        }
        sampleLag(true);
        Thread.sleep(delay);
    }

    private void abortQuietly() {
        inTransaction = false;
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // the next producer's initTransactions aborts it on the broker
        }
    }

    private void closeQuietly(Producer<byte[], byte[]> p) {
        if (p == null) {
            return;
        }
        try {
            p.close(Duration.ofMillis(settings.closeTimeoutMs));
        } catch (RuntimeException e) {
            log.debug("closing the Kafka producer", e);
        }
    }

    private void shutdown() {
        boolean interrupted = Thread.interrupted();
        try {
            if (inTransaction) {
                abortQuietly();
            }
            closeQuietly(producer);
            producer = null;
            closeAdmin(topicAdmin);
            topicAdmin = null;
            closeAdmin(transactionProbe);
            transactionProbe = null;
            staleTransactions = null;
        } finally {
            if (stats.state.get() != ForwarderState.FAILED) {
                stats.state.set(ForwarderState.STOPPED);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeAdmin(AutoCloseable admin) {
        if (admin == null) {
            return;
        }
        try {
            admin.close();
        } catch (Exception e) {
            log.debug("closing a Kafka admin client", e);
        }
    }

    private void sampleLag(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lag.lastSampleNanos < LAG_SAMPLE_NANOS) {
            return;
        }
        lag.lastSampleNanos = now;
        try {
            long backlog = source.entriesAfter(committedIndex);
            stats.lagEntries.set(backlog);
            long seconds = lag.seconds(now, source.lastIndex(), committedIndex);
            stats.lagSeconds.set(seconds);
            stats.oldestWaitingSinceMicros.set(backlog == 0 ? 0
                    : System.currentTimeMillis() * 1000L - TimeUnit.SECONDS.toMicros(seconds));
        } catch (RuntimeException e) {
            log.debug("sampling the forward lag", e);
        }
    }

    /** A fatal error on its way to the run loop's one ERROR line. */
    private static final class FatalForwardError extends RuntimeException {
        FatalForwardError(Throwable cause) {
            super(cause);
        }
    }

    /** Approximate in-memory size of an entry, for the byte bound on batches. */
    private static long approximateBytes(QueueEntry entry) {
        long bytes = 64;
        for (EavEvent event : entry.events()) {
            bytes += 2L * (event.json().length() + event.recordKey().length()) + 96;
        }
        return bytes;
    }
}
