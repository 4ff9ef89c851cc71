package io.ringtap.bench.capture;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka records the forwarder sent for a queue (topic, key, value and the two headers, exactly as
 * forward.RecordMapper builds them from each event), grouped by queue entry, in a flat file that variant (d)
 * streams back: the bare producer sends the same bytes without re-reading the queue or building JSON.
 */
final class RecordFile {
    private RecordFile() {
    }

    /** One record's parts, UTF-8. */
    record Rec(int topic, byte[] key, byte[] value, byte[] id, byte[] op) {
    }

    /** Writes the records of every entry of {@code queue}; returns the number of events. */
    static long write(EventQueue queue, Path file) throws IOException {
        List<String> topics = new ArrayList<>();
        Map<String, Integer> topicIds = new HashMap<>();
        Path body = file.resolveSibling(file.getFileName() + ".body");
        long events = 0;
        try (EventQueue.QueueReader reader = queue.reader();
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(body), 1 << 20))) {
            QueueEntry entry;
            while ((entry = reader.next()) != null) {
                out.writeInt(entry.events().size());
                for (EavEvent e : entry.events()) {
                    String topic = e.keyspace() + "\t" + e.table();
                    Integer id = topicIds.get(topic);
                    if (id == null) {
                        id = topics.size();
                        topics.add(topic);
                        topicIds.put(topic, id);
                    }
                    out.writeShort(id);
                    bytes(out, e.recordKey());
                    bytes(out, e.json());
                    bytes(out, e.id());
                    bytes(out, e.op().wireName());
                    events++;
                }
            }
            out.writeInt(-1);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(topics.size());
            for (String t : topics) {
                out.writeUTF(t);
            }
        }
        return events;
    }

    private static void bytes(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Sequential reader: {@link #topics()}, then {@link #nextEntry()} until null. */
    static final class Reader implements AutoCloseable {
        private final List<String> topics = new ArrayList<>();
        private final DataInputStream in;

        Reader(Path file) throws IOException {
            try (DataInputStream head = new DataInputStream(Files.newInputStream(file))) {
                int n = head.readInt();
                for (int i = 0; i < n; i++) {
                    topics.add(head.readUTF());
                }
            }
            in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(file.resolveSibling(file.getFileName() + ".body")), 1 << 20));
        }

        /** The (keyspace, table) of each topic index, as {@code keyspace<TAB>table}. */
        List<String> tables() {
            return topics;
        }

        /** The records of the next queue entry, or null at the end. */
        List<Rec> nextEntry() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            List<Rec> recs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                recs.add(new Rec(in.readShort(), read(), read(), read(), read()));
            }
            return recs;
        }

        private byte[] read() throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return b;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
