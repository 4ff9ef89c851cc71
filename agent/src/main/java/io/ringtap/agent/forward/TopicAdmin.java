package io.ringtap.agent.forward;

/**
 * Creates the topics the forwarder writes to. Implementations throw Kafka exceptions, which the forwarder
 * classifies like the producer's.
 */
public interface TopicAdmin extends AutoCloseable {

    /** Makes sure the compacted offsets topic exists (one partition). Idempotent. */
    void ensureOffsetsTopic(String topic);

    /** Makes sure an event topic exists. Idempotent; remembers what it created or found. */
    void ensureTopic(String topic);

    @Override
    void close();

    /** For brokers where topics are created by someone else (or auto-created): does nothing. */
    static TopicAdmin none() {
        return new TopicAdmin() {
            @Override public void ensureOffsetsTopic(String topic) { }
            @Override public void ensureTopic(String topic) { }
            @Override public void close() { }
        };
    }
}
