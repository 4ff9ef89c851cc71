package io.ringtap.agent.queue;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Paths;

/** Child process of EventQueueCrashTest: two excerpts, then dies (like kill -9) in the middle of a third. */
public final class TornWriter {
    public static void main(String[] args) throws Exception {
        try (EventQueue queue = EventQueue.open(Paths.get(args[0]), null, 0)) {
            queue.append(QueueFixtures.cdc(1, 100, QueueFixtures.event("00000000000000000000000000000001", "a", 1)));
            queue.append(QueueFixtures.cdc(1, 200, QueueFixtures.event("00000000000000000000000000000002", "a", 2)));
        }
        SingleChronicleQueue raw = SingleChronicleQueueBuilder.single(args[0]).build();
        ExcerptAppender appender = raw.acquireAppender();
        DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().writeByte((byte) 1);
        dc.wire().bytes().writeUtf8("cdc");
        dc.wire().bytes().writeLong(1L);
        for (int i = 0; i < 10_000; i++) {
            dc.wire().bytes().writeLong(0xDEADBEEFL);
        }
        Runtime.getRuntime().halt(0); // no close, no shutdown hooks: the excerpt stays "not complete"
    }
}
