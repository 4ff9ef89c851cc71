package io.ringtap.agent.forward;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forwarder's position as it is committed to the offsets topic, inside each transaction: key = host id,
 * value = a small JSON document whose {@code index} is the queue index of the last entry of the transaction;
 * {@code segment}/{@code position} (the entry's commit-log source) and {@code events} are for humans.
 */
final class CommittedPosition {
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(-?\\d+)");

    private final long index;
    private final long segment;
    private final long position;

    CommittedPosition(long index, long segment, long position) {
        this.index = index;
        this.segment = segment;
        this.position = position;
    }

    long index() {
        return index;
    }

    byte[] toValue(String hostId, int events) {
        String json = "{\"v\":1,\"node\":\"" + hostId + "\",\"index\":" + index + ",\"segment\":" + segment
                + ",\"position\":" + position + ",\"events\":" + events + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The committed index in an offsets-topic value; {@link ForwardSource#NO_INDEX} when the value has none. */
    static long indexOf(byte[] value) {
        Objects.requireNonNull(value, "value");
        Matcher m = INDEX.matcher(new String(value, StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : ForwardSource.NO_INDEX;
    }
}
