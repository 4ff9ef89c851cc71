package io.ringtap.agent.forward;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@link TransactionProbe} through the Kafka Admin client (KIP-664 APIs, brokers 3.0 and later). */
final class KafkaTransactionProbe implements TransactionProbe {
    private static final Logger log = LoggerFactory.getLogger(KafkaTransactionProbe.class);
    /**
     * A producer no coordinator lists (its id was rotated or expired) can still have a live transaction for
     * at most the broker's transaction.max.timeout.ms; 15 minutes is Kafka's default for it.
     */
    private static final long UNLISTED_GRACE_MS = TimeUnit.MINUTES.toMillis(15);

    private final Admin admin;
    private final Duration timeout;

    KafkaTransactionProbe(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public OptionalLong producerId(String transactionalId) {
        try {
            TransactionDescription d = get(admin.describeTransactions(List.of(transactionalId)).description(transactionalId));
            return OptionalLong.of(d.producerId());
        } catch (TransactionalIdNotFoundException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Partitions that cannot be described (no leader, deleted meanwhile) are skipped with a WARN, except on
     * {@code mustDescribe} topics: one offline partition of some table's topic must not stop all forwarding, and
     * an open transaction there could not be aborted anyway; the forwarder checks again on its next connect.
     */
    @Override
    public List<OpenTransaction> openTransactions(Predicate<String> topics, Predicate<String> mustDescribe) {
        Set<String> names = get(admin.listTopics().names()).stream().filter(topics).collect(Collectors.toSet());
        if (names.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : get(admin.describeTopics(names).allTopicNames()).values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                partitions.add(new TopicPartition(topic.name(), p.partition()));
            }
        }
        List<OpenTransaction> open = new ArrayList<>();
        List<TopicPartition> skipped = new ArrayList<>();
        DescribeProducersResult described = admin.describeProducers(partitions);
        for (TopicPartition tp : partitions) {
            PartitionProducerState state;
            try {
                state = get(described.partitionResult(tp));
            } catch (KafkaException e) {
                if (mustDescribe.test(tp.topic()) || e instanceof AuthorizationException) {
                    throw e;
                }
                skipped.add(tp);
                continue;
            }
            for (ProducerState p : state.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    open.add(new OpenTransaction(tp, p.producerId(), p.producerEpoch(),
                            p.coordinatorEpoch().orElse(-1), p.currentTransactionStartOffset().getAsLong(), p.lastTimestamp()));
                }
            }
        }
        if (!skipped.isEmpty()) {
            log.warn("ringtap forwarder could not check {} partition(s) for transactions Kafka left open (no leader?): {}",
                    skipped.size(), skipped.size() > 10 ? skipped.subList(0, 10) + "..." : skipped);
        }
        return open;
    }

    @Override
    public boolean isLive(OpenTransaction open) {
        Collection<TransactionListing> listed = get(admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(List.of(open.producerId))).all());
        if (listed.isEmpty()) {
            return System.currentTimeMillis() - open.lastTimestamp < UNLISTED_GRACE_MS;
        }
        for (TransactionListing l : listed) {
            TransactionDescription d;
            try {
                d = get(admin.describeTransactions(List.of(l.transactionalId())).description(l.transactionalId()));
            } catch (TransactionalIdNotFoundException e) {
                continue;
            }
            if (d.producerId() != open.producerId) {
                continue;
            }
            TransactionState s = d.state();
            if (s == TransactionState.PREPARE_COMMIT || s == TransactionState.PREPARE_ABORT
                    || s == TransactionState.PREPARE_EPOCH_FENCE
                    || (s == TransactionState.ONGOING && d.topicPartitions().contains(open.partition))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void abort(OpenTransaction open) {
        get(admin.abortTransaction(new AbortTransactionSpec(open.partition, open.producerId,
                (short) open.producerEpoch, open.coordinatorEpoch)).all());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KafkaException) {
                throw (KafkaException) cause;
            }
            throw new KafkaException("Kafka admin call failed", cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Kafka admin call timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
