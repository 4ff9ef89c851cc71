package io.ringtap.lab.dbakit;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Cql;
import io.ringtap.lab.Lab;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.Readiness;
import io.ringtap.lab.junit.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/install.sh and ops/uninstall.sh against a real lab node's conf folder. The lab node is created without the
 * agent; its cassandra.yaml is first turned into what a stock Cassandra 5.0 install has (CDC off, the CDC keys
 * commented out) and an empty jvm-server.options is added. The node is then started from the installed files the
 * way bin/cassandra would ({@link InstalledNode}): it must report {@code ringtap agent ready} and capture a write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallScriptIT {
    private static final String MARK = "# ringtap CDC agent (ops/install.sh; ops/uninstall.sh removes it)";

    @RegisterExtension
    static final LabExtension LAB = LabExtension.builder().nodes(1).agent(false).kafka(false).build();

    private static CassandraNode node;
    private static Path install;
    private static Path uninstall;
    private static Path jarDir;
    private static String stockYaml;
    private static InstalledNode installed;

    @BeforeAll
    static void stockConf() throws IOException {
        Lab lab = LAB.lab();
        node = lab.node(1);
        node.stop();
        Path root = lab.runtime().repoRoot();
        install = root.resolve("ops/install.sh");
        uninstall = root.resolve("ops/uninstall.sh");
        jarDir = node.dir().resolve("lib/ringtap");
        Path yaml = node.confDir().resolve("cassandra.yaml");
        stockYaml = Files.readString(yaml)
                .replaceAll("(?m)^cdc_enabled: .*$", "cdc_enabled: false")
                .replaceAll("(?m)^cdc_raw_directory: .*$", "# cdc_raw_directory: /var/lib/cassandra/cdc_raw")
                .replaceAll("(?m)^cdc_total_space: .*$", "# cdc_total_space: 4096MiB")
                .replaceAll("(?m)^cdc_free_space_check_interval: .*$", "# cdc_free_space_check_interval: 250ms")
                .replaceAll("(?m)^cdc_block_writes: .*$", "# cdc_block_writes: true");
        Files.writeString(yaml, stockYaml);
        Files.writeString(node.confDir().resolve("jvm-server.options"), "");
    }

    @AfterAll
    static void stopInstalledNode() throws InterruptedException {
        if (installed != null) {
            installed.close();
        }
    }

    @Test
    @Order(1)
    void should_add_the_agent_and_the_cdc_keys_when_installing_on_a_stock_conf() throws IOException {
        // Given the node's stock-like conf (see stockConf)

        // When install.sh runs with defaults for cdc_raw and the queue
        Script run = Script.run(install, "--cassandra-conf", node.confDir().toString(), "--jar-dir", jarDir.toString(),
                "--triggers-dir", node.triggersDir().toString(), "--cdc-total-space", "256MiB", "--kafka", "127.0.0.1:9");

        // Then the agent line names the copied jar and the conf's ringtap.yaml
        assertThat(run.exitCode()).as(run.output()).isZero();
        LabRuntime runtime = LAB.lab().runtime();
        Path jar = jarDir.resolve(runtime.agentJar().getFileName());
        assertThat(Files.readString(node.confDir().resolve("jvm-server.options")))
                .isEqualTo(MARK + "\n-javaagent:" + jar + "=" + node.agentConfig() + "\n");
        assertThat(Files.mismatch(jar, runtime.agentJar())).isEqualTo(-1L);
        assertThat(Files.mismatch(node.triggersDir().resolve(runtime.triggersJar().getFileName()), runtime.triggersJar())).isEqualTo(-1L);
        // and the CDC keys are set on their own lines, cdc_raw next to the commit log, every other line untouched
        String yaml = Files.readString(node.confDir().resolve("cassandra.yaml"));
        assertThat(yaml).contains("\ncdc_enabled: true\n", "\ncdc_raw_directory: " + node.cdcRawDir() + "\n",
                "\ncdc_total_space: 256MiB\n", "\ncdc_block_writes: true\n", "\ncdc_free_space_check_interval: 250ms\n");
        assertThat(withoutCdcLines(yaml)).isEqualTo(withoutCdcLines(stockYaml));
        assertThat(yaml.lines().count()).isEqualTo(stockYaml.lines().count());
        // and the originals are backed up, and a starting ringtap.yaml puts the queue next to cdc_raw
        assertThat(Files.readString(node.confDir().resolve("cassandra.yaml.pre-ringtap"))).isEqualTo(stockYaml);
        assertThat(Files.readString(node.confDir().resolve("jvm-server.options.pre-ringtap"))).isEmpty();
        assertThat(Files.readString(node.agentConfig()))
                .contains("\nqueue.directory: " + node.queueDir() + "\n", "\nkafka.bootstrap.servers: 127.0.0.1:9\n");
        assertThat(run.output()).contains("installed (", "restart");
    }

    @Test
    @Order(2)
    void should_change_nothing_when_installing_a_second_time() throws IOException {
        // Given the installed node's files
        Map<String, byte[]> before = snapshot();

        // When install.sh runs again with the same options
        Script run = Script.run(install, "--cassandra-conf", node.confDir().toString(), "--jar-dir", jarDir.toString(),
                "--triggers-dir", node.triggersDir().toString(), "--cdc-total-space", "256MiB", "--kafka", "127.0.0.1:9");

        // Then it says so and every file is byte-identical (no new backup either)
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("already installed: nothing to change");
        Map<String, byte[]> after = snapshot();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        after.forEach((file, bytes) -> assertThat(bytes).as(file).isEqualTo(before.get(file)));
    }

    @Test
    @Order(3)
    void should_change_nothing_when_dry_running_an_uninstall() throws IOException {
        // Given the installed node's files
        Map<String, byte[]> before = snapshot();

        // When uninstall.sh runs with --dry-run
        Script run = Script.run(uninstall, "--cassandra-conf", node.confDir().toString(), "--triggers-dir", node.triggersDir().toString(), "--dry-run");

        // Then it lists the javaagent line and the jars and touches nothing
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("-javaagent:", "ringtap-agent-", "ringtap-triggers-", "dry run");
        Map<String, byte[]> after = snapshot();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        after.forEach((file, bytes) -> assertThat(bytes).as(file).isEqualTo(before.get(file)));
    }

    @Test
    @Order(4)
    void should_start_with_the_agent_and_capture_when_the_node_runs_from_the_installed_files() throws Exception {
        // Given the installed files; no broker in this lab, so the DBA's edit: capture only
        Files.writeString(node.agentConfig(), "forward.enabled: false\n", java.nio.file.StandardOpenOption.APPEND);

        // When the node starts as bin/cassandra would start it (jvm-server.options lines on the command line)
        installed = InstalledNode.launch(LAB.lab(), node);

        // Then the agent reports ready
        assertThat(installed.awaitLogLine("ringtap agent", Duration.ofMinutes(3)))
                .as("agent line in " + installed.systemLog())
                .hasValueSatisfying(l -> assertThat(l).contains("ringtap agent ready"));
        // and a write to a cdc table reaches the local queue
        try (CqlSession s = Cql.session(node.cqlAddress(), CassandraNode.DATACENTER, Duration.ofSeconds(20))) {
            s.execute("CREATE KEYSPACE IF NOT EXISTS dbakit WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            s.execute("CREATE TABLE IF NOT EXISTS dbakit.installed (k text PRIMARY KEY, v int) WITH cdc = true");
            s.execute("INSERT INTO dbakit.installed (k, v) VALUES ('after-install', 42)");
        }
        assertThat(awaitQueueLine("after-install", Duration.ofSeconds(90)))
                .hasValueSatisfying(l -> assertThat(l).contains("\"dbakit\"", "\"installed\""));
        installed.close();
        installed = null;
    }

    @Test
    @Order(5)
    void should_restore_the_conf_and_start_clean_when_uninstalling() throws IOException {
        // Given the installed (and stopped) node

        // When uninstall.sh runs, twice
        Script run = Script.run(uninstall, "--cassandra-conf", node.confDir().toString(), "--triggers-dir", node.triggersDir().toString());
        Script again = Script.run(uninstall, "--cassandra-conf", node.confDir().toString(), "--triggers-dir", node.triggersDir().toString());

        // Then the options file is as before, CDC is off as before, the jars are gone, config and queue are kept
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(node.confDir().resolve("jvm-server.options"))).isEmpty();
        assertThat(Files.readString(node.confDir().resolve("cassandra.yaml"))).contains("\ncdc_enabled: false\n");
        assertThat(jarDir.resolve(LAB.lab().runtime().agentJar().getFileName())).doesNotExist();
        assertThat(node.triggersDir().resolve(LAB.lab().runtime().triggersJar().getFileName())).doesNotExist();
        assertThat(node.agentConfig()).exists();
        assertThat(node.queueDir()).isDirectory();
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("not installed: nothing to change");
        // and the node starts without any agent
        long offset = Files.size(node.systemLog());
        Readiness ready = node.start();
        assertThat(ready.releaseVersion()).isEqualTo("5.0.9");
        String log = Files.readString(node.systemLog(), StandardCharsets.UTF_8).substring((int) offset);
        assertThat(log).doesNotContain("ringtap agent");
    }

    private static String withoutCdcLines(String yaml) {
        return String.join("\n", yaml.lines().filter(l -> !l.matches("^#? ?cdc_\\w+:.*")).toList());
    }

    /** Every file of the node's conf, triggers and jar folders, by path. */
    private static Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (Path dir : List.of(node.confDir(), node.triggersDir(), jarDir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    files.put(p.toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** Polls the agent's queue dump tool until a line contains {@code text}. */
    private static java.util.Optional<String> awaitQueueLine(String text, Duration timeout) throws Exception {
        LabRuntime runtime = LAB.lab().runtime();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> cmd = new ArrayList<>();
            cmd.add(LabRuntime.javaExecutable());
            cmd.addAll(runtime.cassandraJvmFlags());
            cmd.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
            cmd.add("-cp");
            cmd.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
            cmd.addAll(List.of("io.ringtap.agent.tool.Main", "queue", "dump", node.queueDir().toString()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(1, TimeUnit.MINUTES);
            java.util.Optional<String> line = out.lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line;
            }
            Thread.sleep(2000);
        }
        return java.util.Optional.empty();
    }
}
