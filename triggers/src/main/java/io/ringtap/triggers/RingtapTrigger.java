package io.ringtap.triggers;

import org.apache.cassandra.db.Mutation;
import org.apache.cassandra.db.partitions.Partition;
import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.exceptions.InvalidRequestException;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.triggers.ITrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * Coordinator-side capture: turns each client write to a table with this trigger into EAV events
 * ({@code source.capture = "trigger"}) and appends them to the queue of the ringtap agent running in the
 * same JVM, from where the agent's forwarder ships them like CDC events. Adds no mutations.
 *
 * <p>Install: {@code CREATE TRIGGER ringtap ON ks.t USING 'io.ringtap.triggers.RingtapTrigger'} with this
 * jar in Cassandra's triggers directory on every node (see {@code docs/triggers.md}).
 *
 * <p>Cassandra calls {@link #augment} on the coordinator's request thread before the write is applied, once
 * per partition update of a client write. The trigger does no I/O beyond the queue append and keeps nothing
 * across calls. A write it cannot capture (agent not running in this JVM, counter table, queue over
 * {@code queue.max-bytes}, undecodable update) is handled as {@link OnMissingAgent} says: by default it fails
 * with an {@link InvalidRequestException} whose message gives the reason (Cassandra passes that exception
 * type to the client unchanged; any other exception would reach the client as a bare server error); with
 * {@code skip-with-error} it goes through uncaptured, with a rate-limited ERROR (table and reason, never
 * values) and the metric {@code TriggerWritesUncaptured}.
 *
 * <p>The setting comes from the system property {@value OnMissingAgent#PROPERTY}, else from the agent's
 * {@code triggers.on-missing-agent}, else {@code fail}.
 */
public final class RingtapTrigger implements ITrigger {
    private static final Logger log = LoggerFactory.getLogger(RingtapTrigger.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ErrorThrottle throttle = new ErrorThrottle(LOG_INTERVAL_NANOS, System.nanoTime());

    /** Called by Cassandra's trigger executor (public no-arg constructor). */
    public RingtapTrigger() {
    }

    /**
     * Captures {@code partition} (a {@link PartitionUpdate}).
     *
     * @return an empty collection: the trigger never adds mutations
     * @throws InvalidRequestException when the write cannot be captured and the setting is {@code fail}
     */
    @Override
    public Collection<Mutation> augment(Partition partition) {
        String refusal;
        if (!(partition instanceof PartitionUpdate)) {
            refusal = "unexpected partition type " + partition.getClass().getName();
        } else {
            try {
                refusal = AgentCapture.capture((PartitionUpdate) partition);
            } catch (LinkageError e) {
                refusal = "the ringtap agent is not installed in this JVM (no -javaagent ringtap-agent.jar, or "
                        + "another version): " + e;
            }
        }
        if (refusal != null) {
            uncaptured(partition.metadata(), refusal);
        }
        return Collections.emptyList();
    }

    private void uncaptured(TableMetadata table, String reason) {
        String where = table.keyspace + "." + table.name;
        OnMissingAgent setting = OnMissingAgent.resolve(System.getProperty(OnMissingAgent.PROPERTY), configured());
        if (setting == OnMissingAgent.FAIL) {
            long held = throttle.acquire(System.nanoTime());
            if (held >= 0) {
                log.warn("ringtap trigger refused a write to {}: {} (triggers.on-missing-agent: fail; {} more "
                        + "refusals since the last message)", where, reason, held);
            }
            throw new InvalidRequestException("ringtap trigger refused the write to " + where + ": " + reason
                    + "; triggers.on-missing-agent is fail (-D" + OnMissingAgent.PROPERTY
                    + "=skip-with-error lets such writes through uncaptured)");
        }
        String metric = "metric TriggerWritesUncaptured";
        try {
            AgentCapture.countUncaptured();
        } catch (LinkageError e) {
            metric = "no metric without the agent"; // the ERROR below is all there is
        }
        long held = throttle.acquire(System.nanoTime());
        if (held >= 0) {
            log.error("ringtap trigger let a write to {} through UNCAPTURED: {} (triggers.on-missing-agent: "
                    + "skip-with-error; {} more since the last message; {})", where, reason, held, metric);
        }
    }

    private static String configured() {
        try {
            return AgentCapture.configuredOnMissingAgent();
        } catch (LinkageError e) {
            return null;
        }
    }
}
