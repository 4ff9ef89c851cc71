package io.ringtap.agent.tool;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code queue dump}: every queued event's JSON, one per line, in queue order. */
final class QueueDump {
    static final int NO_QUEUE = 2;

    private QueueDump() {
    }

    static int run(Path dir, PrintStream out, PrintStream err) {
        if (!EventQueue.exists(dir)) {
            err.println("ringtap: no queue in " + dir + " (no .cq4 file)");
            return NO_QUEUE;
        }
        try (EventQueue queue = EventQueue.openReadOnly(dir);
             EventQueue.QueueReader reader = queue.reader()) {
            for (QueueEntry entry = reader.next(); entry != null; entry = reader.next()) {
                for (EavEvent event : entry.events()) {
                    out.println(event.json());
                }
            }
        }
        out.flush();
        return 0;
    }
}
