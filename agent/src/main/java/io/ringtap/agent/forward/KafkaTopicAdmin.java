package io.ringtap.agent.forward;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Topic creation through the Kafka Admin client: each topic is created once, on first use, with the
 * configured partitions and replication factor (the broker's defaults unless set); a topic that already
 * exists is left as it is.
 */
final class KafkaTopicAdmin implements TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(KafkaTopicAdmin.class);

    private final Admin admin;
    private final Optional<Integer> partitions;
    private final Optional<Short> replicationFactor;
    private final Optional<Short> offsetsReplicationFactor;
    private final Duration timeout;
    private final Set<String> known = new HashSet<>();

    KafkaTopicAdmin(Admin admin, int partitions, short replicationFactor, short offsetsReplicationFactor, Duration timeout) {
        this.admin = admin;
        this.partitions = partitions > 0 ? Optional.of(partitions) : Optional.empty();
        this.replicationFactor = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        this.offsetsReplicationFactor = offsetsReplicationFactor > 0 ? Optional.of(offsetsReplicationFactor) : Optional.empty();
        this.timeout = timeout;
    }

    @Override
    public void ensureOffsetsTopic(String topic) {
        if (known.contains(topic)) {
            return;
        }
        create(new NewTopic(topic, Optional.of(1), offsetsReplicationFactor)
                .configs(Collections.singletonMap(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        known.add(topic);
    }

    @Override
    public void ensureTopic(String topic) {
        if (known.contains(topic)) {
            return;
        }
        create(new NewTopic(topic, partitions, replicationFactor));
        known.add(topic);
    }

    private void create(NewTopic topic) {
        try {
            admin.createTopics(Collections.singleton(topic)).all().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                return;
            }
            if (cause instanceof AuthorizationException) {
                // no CREATE right: the topic may well exist (created by the DBA); the producer reports it if not
                log.warn("ringtap forwarder may not create topic {} ({}); assuming it exists", topic.name(), cause.getMessage());
                return;
            }
            if (cause instanceof KafkaException) {
                throw (KafkaException) cause;
            }
            throw new KafkaException("creating topic " + topic.name(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("creating topic " + topic.name() + " timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
