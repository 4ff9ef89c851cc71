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
    void should_dump_the_same_lines_when_the_directory_is_given_with_dir() throws Exception {
        // Given
        EavEvent a = QueueFixtures.event("000000000000000000000000000000a1", "x", 1);
        try (EventQueue queue = EventQueue.open(dir, null, 0)) {
            queue.append(QueueFixtures.cdc(1, 10, a));
        }

        // When
        int code = run("queue", "dump", "--dir", dir.toString());

        // Then
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(a.json() + "\n");
    }

    @Test
    void should_exit_1_with_usage_when_command_is_incomplete_or_unknown() {
        // When / Then
        assertThat(run("queue")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ringtap queue [-hV] (dump | tail)");
        assertThat(run("frobnicate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ringtap: Unmatched argument at index 0: 'frobnicate'");
        assertThat(run("queue", "dump")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ringtap queue dump: missing the queue directory: --dir <queue-dir>");
    }

    @Test
    void should_list_every_command_and_the_exit_codes_when_asked_for_help() {
        // When
        int code = run("--help");

        // Then
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(help).contains("Usage: ringtap [-hV] COMMAND",
                "  status ", "  queue ", "  check-config ", "  kafka ", "  forward ",
                "Exit codes:", "  0   success", "  1   usage error", "  2   bad input, invalid configuration or no queue",
                "  3   status found problems", "ringtap status --config /etc/cassandra/ringtap.yaml");
    }

    @Test
    void should_describe_options_examples_and_exit_codes_when_a_subcommand_is_asked_for_help() {
        // When
        int code = run("status", "--help");

        // Then
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(help).contains("Usage: ringtap status", "--config=<ringtap.yaml>", "--no-kafka", "--json",
                "Examples:", "3   problems found");
    }

    @Test
    void should_exit_2_naming_the_problem_when_forward_is_given_an_invalid_config() throws Exception {
        // Given a config without the required queue.directory
        Path yaml = dir.resolve("ringtap.yaml");
        java.nio.file.Files.writeString(yaml, "forward.enabled: false\n");

        // When
        int code = run("forward", yaml.toString());

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ringtap forward: invalid configuration " + yaml + ", ")
                .contains("  queue.directory: ");
    }
}
