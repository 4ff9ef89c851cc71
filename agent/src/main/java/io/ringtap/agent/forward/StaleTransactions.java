package io.ringtap.agent.forward;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Ends transactions Kafka left open on a partition, before the forwarder reads where to resume.
 *
 * <p>Kafka 4.3.1 can finish a transaction at its coordinator while a partition still holds its records
 * without a marker: the coordinator skips the marker of a partition that has no leader (it treats it as
 * deleted), and a single broker stopped gracefully with a transaction in flight came back with that
 * transaction's records open. The partition keeps them open: {@code read_committed} consumers stop there,
 * and the next transaction of the same producer id that writes to it sweeps them in. After a reconnect that
 * next transaction resends the same queue entries, so its commit would deliver them twice.
 *
 * <p>Run after {@code initTransactions()}, when nothing of this forwarder is in flight:
 * <ol>
 * <li>On the offsets topic, every open transaction no coordinator still runs is aborted, this node's and
 *     other nodes': it hides later positions from every node. Its owner resends what it covered.</li>
 * <li>Then this node's last committed position is read. This node's open transactions on event topics
 *     whose records are newer than that position record are aborted: no committed position covers them, so
 *     they are resent. Older ones belong to a transaction whose position was committed; they are left for
 *     the forwarder's next transaction on that partition to commit, with a WARN.</li>
 * </ol>
 * Aborting takes ALTER on the cluster; without it the forwarder waits and retries, naming the command that
 * ends the transaction by hand.
 */
final class StaleTransactions {
    private static final Logger log = LoggerFactory.getLogger(StaleTransactions.class);

    private final TransactionProbe probe;
    private final String offsetsTopic;
    private final Predicate<String> eventTopics;
    private boolean unavailableLogged;

    StaleTransactions(TransactionProbe probe, String offsetsTopic, Predicate<String> eventTopics) {
        this.probe = probe;
        this.offsetsTopic = offsetsTopic;
        this.eventTopics = eventTopics;
    }

    /** The topics the forwarder's topic template can produce, whatever the keyspace and table. */
    static Predicate<String> eventTopics(ForwarderSettings settings) {
        String anyName = "\\E[^.]+\\Q";
        String regex = Pattern.quote(settings.topicFor("\u0001", "\u0002")).replace("\u0001", anyName).replace("\u0002", anyName);
        return Pattern.compile(regex).asMatchPredicate();
    }

    /**
     * Aborts what must be aborted; {@code committed} reads this node's last committed position (called after
     * the offsets topic is cleared, so it sees past other producers' stale transactions).
     *
     * @return the number of transactions aborted (one per partition)
     */
    int settle(String transactionalId, Supplier<CommittedPositionReader.Last> committed) {
        List<OpenTransaction> open;
        OptionalLong own;
        try {
            own = probe.producerId(transactionalId);
            open = probe.openTransactions(t -> t.equals(offsetsTopic) || eventTopics.test(t), offsetsTopic::equals);
        } catch (AuthorizationException | UnsupportedVersionException e) {
            if (!unavailableLogged) {
                unavailableLogged = true;
                log.warn("ringtap forwarder cannot check for transactions Kafka left open ({}); grant DESCRIBE on the "
                        + "transactional id and READ on the ringtap topics to let it", e.getMessage());
            }
            return 0;
        }
        if (open.isEmpty()) {
            return 0;
        }
        long ownId = own.orElse(Long.MIN_VALUE);
        int aborted = 0;
        List<OpenTransaction> ownEvents = new ArrayList<>();
        for (OpenTransaction t : open) {
            if (t.partition.topic().equals(offsetsTopic)) {
                if (t.producerId == ownId || !probe.isLive(t)) {
                    abort(t, "it hides the positions committed after it");
                    aborted++;
                }
            } else if (t.producerId == ownId) {
                ownEvents.add(t);
            }
        }
        if (ownEvents.isEmpty()) {
            return aborted;
        }
        long positionTimestamp = committed.get().timestamp;
        for (OpenTransaction t : ownEvents) {
            if (t.lastTimestamp > positionTimestamp) {
                abort(t, "no committed position covers it, so its entries are resent");
                aborted++;
            } else {
                log.warn("ringtap forwarder: Kafka committed a transaction of this node but left partition {} without "
                        + "its commit marker ({}); its records become visible with the forwarder's next transaction on "
                        + "that partition; do not abort it by hand", t.partition, t);
            }
        }
        return aborted;
    }

    private void abort(OpenTransaction t, String why) {
        log.warn("ringtap forwarder: aborting a transaction Kafka left open on {} ({}): {}", t.partition, t, why);
        try {
            probe.abort(t);
        } catch (AuthorizationException e) {
            // not fatal: an operator can end it by hand, and the next attempt goes on from there
            throw new KafkaException("may not abort the transaction Kafka left open on " + t.partition + " (" + t
                    + "); grant ALTER on the cluster to the forwarder's principal, or run: " + t.abortCommand());
        }
    }
}
