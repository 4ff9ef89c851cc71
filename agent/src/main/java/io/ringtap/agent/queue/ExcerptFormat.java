package io.ringtap.agent.queue;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.eav.Op;
import io.ringtap.agent.eav.Source;
import net.openhft.chronicle.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary layout of one excerpt: format byte, capture, segment, position, node, dc, event count, then
 * per event id, op, keyspace, table, record key, json. Strings are UTF-8 with a stop-bit length.
 */
final class ExcerptFormat {
    static final byte VERSION = 1;

    private ExcerptFormat() {
    }

    static void write(Bytes<?> out, CapturedMutation mutation) {
        write(out, mutation, new Utf8Writer());
    }

    /** As {@link #write(Bytes, CapturedMutation)}, with the caller's (reused) string encoder. */
    static void write(Bytes<?> out, CapturedMutation mutation, Utf8Writer utf8) {
        Source s = mutation.source();
        out.writeByte(VERSION);
        utf8.write(out, s.capture());
        out.writeLong(s.segment());
        out.writeInt(s.position());
        utf8.write(out, s.node());
        utf8.write(out, s.dc());
        List<EavEvent> events = mutation.events();
        out.writeInt(events.size());
        for (EavEvent e : events) {
            utf8.write(out, e.id());
            utf8.write(out, e.op().wireName());
            utf8.write(out, e.keyspace());
            utf8.write(out, e.table());
            utf8.write(out, e.recordKey());
            utf8.write(out, e.json());
        }
    }

    static Source readSource(Bytes<?> in) {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown queue excerpt format " + version);
        }
        String capture = in.readUtf8();
        long segment = in.readLong();
        int position = in.readInt();
        String node = in.readUtf8();
        String dc = in.readUtf8();
        return new Source(capture, node, dc, segment, position);
    }

    /** Reads the events; call after {@link #readSource}. */
    static List<EavEvent> readEvents(Bytes<?> in) {
        int count = in.readInt();
        List<EavEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = in.readUtf8();
            Op op = Op.fromWireName(in.readUtf8());
            String keyspace = in.readUtf8();
            String table = in.readUtf8();
            String recordKey = in.readUtf8();
            String json = in.readUtf8();
            events.add(new EavEvent(id, op, keyspace, table, recordKey, json));
        }
        return events;
    }
}
