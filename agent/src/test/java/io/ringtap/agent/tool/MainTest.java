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

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void should_print_every_event_json_in_queue_order_when_dumping_a_queue() throws Exception {
        // Given
        EavEvent a = QueueFixtures.event("000000000000000000000000000000a1", "x", 1);
        EavEvent b = QueueFixtures.event("000000000000000000000000000000b2", "y", 2);
        EavEvent c = QueueFixtures.event("000000000000000000000000000000c3", "z", 3);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            queue.append(QueueFixtures.cdc(1, 10, a, b));
            queue.append(QueueFixtures.trigger(c));
        }

        // When
        int code = run("queue", "dump", dir.toString());

        // Then
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(a.json(), b.json(), c.json());
    }

    @Test
    void should_exit_2_with_message_when_directory_holds_no_queue() {
        // When
        int code = run("queue", "dump", dir.resolve("missing").toString());

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no queue in").contains("missing");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void should_exit_1_with_usage_when_command_is_unknown() {
        assertThat(run("queue")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: queue dump <queue-dir>");
    }
}
