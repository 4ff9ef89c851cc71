package io.ringtap.agent.forward;

import org.apache.kafka.common.TopicPartition;

/** A transaction a partition still counts as open: records of a producer with no commit or abort marker yet. */
final class OpenTransaction {
    final TopicPartition partition;
    final long producerId;
    final int producerEpoch;
    final int coordinatorEpoch;
    final long startOffset;
    /** Timestamp of the producer's last batch on the partition (its clock at send, for CreateTime topics). */
    final long lastTimestamp;

    OpenTransaction(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch,
                    long startOffset, long lastTimestamp) {
        this.partition = partition;
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.coordinatorEpoch = coordinatorEpoch;
        this.startOffset = startOffset;
        this.lastTimestamp = lastTimestamp;
    }

    /** The command an operator would run to end it by hand. */
    String abortCommand() {
        return "kafka-transactions.sh --bootstrap-server <broker> abort --topic " + partition.topic()
                + " --partition " + partition.partition() + " --start-offset " + startOffset;
    }

    @Override
    public String toString() {
        return partition + " producer " + producerId + " epoch " + producerEpoch + " from offset " + startOffset;
    }
}
