package io.ringtap.agent.tool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckConfigCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void should_print_the_effective_config_with_secrets_masked_when_valid() throws Exception {
        // Given
        Path yaml = dir.resolve("ringtap.yaml");
        Files.writeString(yaml, "queue.directory: " + dir.resolve("q") + "\n"
                + "kafka.bootstrap.servers: kafka1:9092\n"
                + "kafka.sasl.jaas.config: \"org.apache.kafka.common.security.plain.PlainLoginModule required password=hunter2;\"\n");

        // When
        int code = run("check-config", yaml.toString());

        // Then
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).startsWith("# " + yaml + ": valid; effective configuration (secrets masked)\n")
                .contains("\nqueue.directory: " + dir.resolve("q") + "\n")
                .contains("\ncapture.poll-interval-ms: 50\n")
                .contains("\nkafka.bootstrap.servers: [kafka1:9092]\n")
                .contains("\nkafka.sasl.jaas.config: ******\n")
                .doesNotContain("hunter2");
    }

    @Test
    void should_name_every_problem_and_exit_2_when_invalid() throws Exception {
        // Given no queue.directory and a bad boolean
        Path yaml = dir.resolve("ringtap.yaml");
        Files.writeString(yaml, "capture.enabled: maybe\n");

        // When
        int code = run("check-config", yaml.toString());

        // Then
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text).startsWith("ringtap check-config: invalid configuration " + yaml + ", 2 problem(s):\n").contains("  queue.directory: ").contains("  capture.enabled: ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
