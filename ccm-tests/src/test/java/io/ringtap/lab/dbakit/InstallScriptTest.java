package io.ringtap.lab.dbakit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/install.sh and ops/uninstall.sh on files only, from a fake release layout (the scripts next to fake jars), so
 * no build output and no Cassandra are needed. The lab-level test is {@link InstallScriptIT}.
 */
class InstallScriptTest {
    /** The CDC part of Cassandra 5.0's stock cassandra.yaml, shortened, with a 4.0-style key a DBA left set. */
    private static final String STOCK = String.join("\n",
            "cluster_name: 'Test Cluster'",
            "commitlog_directory: /var/lib/cassandra/commitlog",
            "# Enable / disable CDC functionality on a per-node basis.",
            "cdc_enabled: false",
            "",
            "# cdc_block_writes: true",
            "",
            "# If not set, the default directory is $CASSANDRA_HOME/data/cdc_raw.",
            "# cdc_raw_directory: /var/lib/cassandra/cdc_raw",
            "cdc_total_space_in_mb: 2048",
            "# cdc_free_space_check_interval: 250ms",
            "endpoint_snitch: SimpleSnitch",
            "");

    @TempDir
    Path tmp;
    private Path install;
    private Path uninstall;
    private Path conf;

    @BeforeEach
    void release() throws IOException {
        Path root = repoRoot();
        Path release = tmp.resolve("ringtap-9.9");
        Files.createDirectories(release.resolve("ops"));
        Files.createDirectories(release.resolve("conf"));
        install = Files.copy(root.resolve("ops/install.sh"), release.resolve("ops/install.sh"));
        uninstall = Files.copy(root.resolve("ops/uninstall.sh"), release.resolve("ops/uninstall.sh"));
        Files.copy(root.resolve("ops/node-conf.sh"), release.resolve("ops/node-conf.sh"));
        Files.copy(root.resolve("conf/ringtap.yaml"), release.resolve("conf/ringtap.yaml"));
        Files.writeString(release.resolve("ringtap-agent-9.9.jar"), "agent 9.9");
        Files.writeString(release.resolve("ringtap-triggers-9.9.jar"), "triggers 9.9");
        conf = Files.createDirectories(tmp.resolve("cassandra/conf"));
        Files.createDirectories(tmp.resolve("cassandra/lib"));
        Files.writeString(conf.resolve("cassandra.yaml"), STOCK);
        Files.writeString(conf.resolve("jvm-server.options"), "-Xss256k\n");
    }

    @Test
    void should_edit_commented_and_deprecated_keys_in_place_when_installing_on_a_stock_yaml() throws IOException {
        // Given a stock-like cassandra.yaml (CDC off, keys commented, cdc_total_space_in_mb set)

        // When install.sh runs with defaults
        Script run = Script.run(install, "--cassandra-conf", conf.toString());

        // Then each key is set on the line that held it, the 4.0 name is replaced, nothing else moves
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(conf.resolve("cassandra.yaml"))).isEqualTo(String.join("\n",
                "cluster_name: 'Test Cluster'",
                "commitlog_directory: /var/lib/cassandra/commitlog",
                "# Enable / disable CDC functionality on a per-node basis.",
                "cdc_enabled: true",
                "",
                "cdc_block_writes: true",
                "",
                "# If not set, the default directory is $CASSANDRA_HOME/data/cdc_raw.",
                "cdc_raw_directory: /var/lib/cassandra/cdc_raw",
                "cdc_total_space: 4096MiB",
                "cdc_free_space_check_interval: 250ms",
                "endpoint_snitch: SimpleSnitch",
                ""));
        // and the agent goes to lib/ringtap (off Cassandra's lib/*.jar classpath), the trigger to conf/triggers
        Path jar = tmp.resolve("cassandra/lib/ringtap/ringtap-agent-9.9.jar");
        assertThat(jar).hasContent("agent 9.9");
        assertThat(conf.resolve("triggers/ringtap-triggers-9.9.jar")).hasContent("triggers 9.9");
        assertThat(Files.readString(conf.resolve("jvm-server.options")))
                .isEqualTo("-Xss256k\n# ringtap CDC agent (ops/install.sh; ops/uninstall.sh removes it)\n"
                        + "-javaagent:" + jar + "=" + conf.resolve("ringtap.yaml") + "\n");
        // and a starting ringtap.yaml puts the queue next to cdc_raw and asks for Kafka
        assertThat(Files.readString(conf.resolve("ringtap.yaml")))
                .contains("\nqueue.directory: /var/lib/cassandra/ringtap/queue\n", "kafka.bootstrap.servers: CHANGE-ME");
        assertThat(run.output()).contains("ACTION NEEDED: set kafka.bootstrap.servers");
    }

    @Test
    void should_change_nothing_when_dry_running() throws IOException {
        // Given the untouched conf
        Map<String, String> before = snapshot();

        // When install.sh runs with --dry-run
        Script run = Script.run(install, "--cassandra-conf", conf.toString(), "--dry-run");

        // Then it prints the plan as diffs and no file changes
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("+cdc_enabled: true", "-cdc_enabled: false", "dry run: 5 change(s) planned");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void should_replace_the_older_jar_and_its_line_when_upgrading() throws IOException {
        // Given an install of version 9.8
        Path lib = Files.createDirectories(tmp.resolve("cassandra/lib/ringtap"));
        Files.writeString(lib.resolve("ringtap-agent-9.8.jar"), "agent 9.8");
        Files.createDirectories(conf.resolve("triggers"));
        Files.writeString(conf.resolve("triggers/ringtap-triggers-9.8.jar"), "triggers 9.8");
        Files.writeString(conf.resolve("jvm-server.options"),
                "-Xss256k\n-javaagent:" + lib.resolve("ringtap-agent-9.8.jar") + "=" + conf.resolve("ringtap.yaml") + "\n-Xmx1G\n");

        // When install.sh of 9.9 runs
        Script run = Script.run(install, "--cassandra-conf", conf.toString());

        // Then the line is replaced where it was, and only the 9.9 jars remain
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(conf.resolve("jvm-server.options"))).containsExactly("-Xss256k",
                "# ringtap CDC agent (ops/install.sh; ops/uninstall.sh removes it)",
                "-javaagent:" + lib.resolve("ringtap-agent-9.9.jar") + "=" + conf.resolve("ringtap.yaml"), "-Xmx1G");
        try (Stream<Path> jars = Files.list(lib); Stream<Path> triggers = Files.list(conf.resolve("triggers"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).containsExactly("ringtap-agent-9.9.jar");
            assertThat(triggers.map(p -> p.getFileName().toString())).containsExactly("ringtap-triggers-9.9.jar");
        }
    }

    @Test
    void should_fail_and_change_nothing_when_jvm_server_options_is_missing() throws IOException {
        // Given a conf folder without jvm-server.options
        Files.delete(conf.resolve("jvm-server.options"));
        Map<String, String> before = snapshot();

        // When install.sh runs
        Script run = Script.run(install, "--cassandra-conf", conf.toString());

        // Then it exits 1 naming the file, and nothing changed
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("jvm-server.options not found");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void should_restore_the_files_when_uninstalling_after_an_install() throws IOException {
        // Given an install
        assertThat(Script.run(install, "--cassandra-conf", conf.toString(), "--kafka", "k1:9092").exitCode()).isZero();

        // When uninstall.sh runs with --purge
        Script run = Script.run(uninstall, "--cassandra-conf", conf.toString(), "--purge");

        // Then the options file is as before, cdc_enabled is false again, jars and ringtap.yaml are gone
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(conf.resolve("jvm-server.options")).hasContent("-Xss256k\n");
        assertThat(Files.readString(conf.resolve("cassandra.yaml"))).contains("\ncdc_enabled: false\n");
        assertThat(tmp.resolve("cassandra/lib/ringtap/ringtap-agent-9.9.jar")).doesNotExist();
        assertThat(conf.resolve("triggers/ringtap-triggers-9.9.jar")).doesNotExist();
        assertThat(conf.resolve("ringtap.yaml")).doesNotExist();
        assertThat(Script.run(uninstall, "--cassandra-conf", conf.toString()).output()).contains("not installed: nothing to change");
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp.resolve("cassandra"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(p.toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static Path repoRoot() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("ops/install.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no ops/install.sh above " + Paths.get("").toAbsolutePath());
        }
        return p;
    }
}
