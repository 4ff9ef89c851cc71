package io.ringtap.agent.forward;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.config.ConfigException;

/**
 * The forwarder's error boundary: which Kafka failures are fatal (retrying cannot help: another forwarder
 * took over, access is denied, the configuration or an event is unacceptable to the broker) and which are
 * retriable (everything else: broker down or slow, leader moves, aborted transactions). Causes are walked
 * because the producer reports a failed send as the cause of the commit's exception.
 */
final class KafkaErrors {
    private KafkaErrors() {
    }

    static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException
                    || t instanceof AuthorizationException
                    || t instanceof TransactionalIdAuthorizationException
                    || t instanceof AuthenticationException
                    || t instanceof UnsupportedVersionException
                    || t instanceof ConfigException
                    || t instanceof InvalidTopicException
                    || t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static boolean isInterrupt(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** Why a fatal error is fatal, for the one ERROR line. */
    static String explain(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException) {
                return "another forwarder with the same transactional id took over (fenced)";
            }
            if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
                return "Kafka denied access (check kafka.* security settings and ACLs, incl. transactional id and topics)";
            }
            if (t instanceof RecordTooLargeException) {
                return "an event is larger than the producer or broker accepts (kafka.max.request.size, broker message.max.bytes)";
            }
            if (t instanceof ConfigException || t instanceof InvalidTopicException) {
                return "invalid Kafka configuration or topic name (check kafka.* and forward.topic-template)";
            }
            if (t instanceof UnsupportedVersionException) {
                return "the broker does not support transactions as required";
            }
        }
        return "unexpected error";
    }
}
