package io.ringtap.agent.tool;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTailCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void should_print_the_last_n_events_in_queue_order_when_tailing() throws Exception {
        // Given three events in two entries
        EavEvent a = QueueFixtures.event("000000000000000000000000000000a1", "x", 1);
        EavEvent b = QueueFixtures.event("000000000000000000000000000000b2", "y", 2);
        EavEvent c = QueueFixtures.event("000000000000000000000000000000c3", "z", 3);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            queue.append(QueueFixtures.cdc(1, 10, a, b));
            queue.append(QueueFixtures.cdc(1, 20, c));
        }

        // When
        int code = run("queue", "tail", "--dir", dir.toString(), "-n", "2");

        // Then the last two, oldest first
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(b.json() + "\n" + c.json() + "\n");
    }

    @Test
    void should_exit_2_when_tailing_a_directory_without_queue() {
        // When
        int code = run("queue", "tail", "--dir", dir.resolve("nothing").toString());

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ringtap: no queue in " + dir.resolve("nothing") + " (no .cq4 file)\n");
    }

    @Test
    void should_print_new_events_until_interrupted_when_following() throws Exception {
        // Given a queue with one event, tailed with --follow in a thread of its own
        EavEvent a = QueueFixtures.event("000000000000000000000000000000a1", "x", 1);
        EavEvent b = QueueFixtures.event("000000000000000000000000000000b2", "y", 2);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            queue.append(QueueFixtures.cdc(1, 10, a));
            int[] code = {-1};
            Thread tail = new Thread(() -> code[0] = run("queue", "tail", "--dir", dir.toString(), "--follow"));
            tail.start();
            awaitOutput(a.json() + "\n");

            // When another event is queued, then the tail is interrupted
            queue.append(QueueFixtures.cdc(1, 20, b));
            awaitOutput(a.json() + "\n" + b.json() + "\n");
            tail.interrupt();
            tail.join(10_000);

            // Then it printed both and ended normally
            assertThat(tail.isAlive()).isFalse();
            assertThat(code[0]).isZero();
        }
    }

    private void awaitOutput(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
