package io.ringtap.agent.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueCrashTest {

    @TempDir
    Path dir;

    @Test
    void should_skip_torn_excerpt_and_keep_appending_when_writer_died_mid_excerpt() throws Exception {
        // Given a process that wrote two excerpts and died in the middle of a third
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-agentlib")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TornWriter.class.getName());
        cmd.add(dir.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        // When the queue is reopened (as after a restart) and appended to
        long started = System.nanoTime();
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            List<Integer> before = positions(queue);
            assertThat(queue.lastCdcPosition()).contains(new CdcPosition(1, 200));
            queue.append(QueueFixtures.cdc(2, 50, QueueFixtures.event("00000000000000000000000000000003", "a", 3)));
            long appendMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("append after torn excerpt took " + appendMs + " ms");

            // Then the complete excerpts are intact, the torn one is invisible, and appends go on
            assertThat(before).containsExactly(100, 200);
            assertThat(positions(queue)).containsExactly(100, 200, 50);
            assertThat(queue.lastCdcPosition()).contains(new CdcPosition(2, 50));
        }
    }

    private static List<Integer> positions(EventQueue queue) {
        List<Integer> out = new ArrayList<>();
        try (EventQueue.QueueReader r = queue.reader()) {
            for (QueueEntry e = r.next(); e != null; e = r.next()) {
                out.add(e.source().position());
            }
        }
        return out;
    }
}
