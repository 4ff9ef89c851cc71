package io.ringtap.agent.queue;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import io.ringtap.agent.eav.Source;

import java.util.List;

/** Test events with recognisable content. */
public final class QueueFixtures {
    private QueueFixtures() {
    }

    public static EavEvent event(String id, String column, int value) {
        String json = "{\"v\":1,\"id\":\"" + id + "\",\"op\":\"cell\",\"keyspace\":\"ks\",\"table\":\"t\","
                + "\"key\":{\"k\":1},\"column\":\"" + column + "\",\"value\":" + value + ",\"type\":\"int\",\"ts\":"
                + (1000 + value) + "}";
        return new EavEvent(id, Op.CELL, "ks", "t", "{\"k\":1}", json);
    }

    public static CapturedMutation cdc(long segment, int position, EavEvent... events) {
        return new CapturedMutation(Source.cdc("host-1", "dc1", segment, position), List.of(events));
    }

    public static CapturedMutation trigger(EavEvent... events) {
        return new CapturedMutation(Source.trigger("host-1", "dc1"), List.of(events));
    }
}
