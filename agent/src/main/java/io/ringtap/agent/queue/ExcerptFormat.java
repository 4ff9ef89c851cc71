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

    /** Retained per-thread buffers stay below this; a larger excerpt gets a buffer of its own once. */
    private static final int RETAINED_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

    /**
     * {@code mutation} encoded into the calling thread's reusable buffer, valid until the thread's next call:
     * appends encode before taking the queue's append monitor and only copy under it (JFR: request threads
     * convoyed on that monitor while the holder encoded).
     */
    static Bytes<?> encode(CapturedMutation mutation) {
        Encoder e = ENCODER.get();
        if (e.bytes.realCapacity() > RETAINED_BUFFER_BYTES) {
            e.bytes.releaseLast();
            e.bytes = Bytes.allocateElasticOnHeap(1024);
        }
        e.bytes.clear();
        write(e.bytes, mutation, e.utf8);
        return e.bytes;
    }

    private static final class Encoder {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
        final Utf8Writer utf8 = new Utf8Writer();
    }

    static Source readSource(Bytes<?> in) {
        return readSource(in, new Utf8Reader());
    }

    /** As {@link #readSource(Bytes)}, with the caller's (reused) string decoder. */
    static Source readSource(Bytes<?> in, Utf8Reader utf8) {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown queue excerpt format " + version);
        }
        String capture = utf8.read(in);
        long segment = in.readLong();
        int position = in.readInt();
        String node = utf8.read(in);
        String dc = utf8.read(in);
        return new Source(capture, node, dc, segment, position);
    }

    /** Reads the events; call after {@link #readSource}. */
    static List<EavEvent> readEvents(Bytes<?> in) {
        return readEvents(in, new Utf8Reader());
    }

    /** As {@link #readEvents(Bytes)}, with the caller's (reused) string decoder. */
    static List<EavEvent> readEvents(Bytes<?> in, Utf8Reader utf8) {
        int count = in.readInt();
        List<EavEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = utf8.read(in);
            Op op = Op.fromWireName(utf8.read(in));
            String keyspace = utf8.read(in);
            String table = utf8.read(in);
            String recordKey = utf8.read(in);
            String json = utf8.read(in);
            events.add(new EavEvent(id, op, keyspace, table, recordKey, json));
        }
        return events;
    }
}
