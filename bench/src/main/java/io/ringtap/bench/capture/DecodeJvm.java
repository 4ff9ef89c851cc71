package io.ringtap.bench.capture;

import io.ringtap.lab.LabRuntime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Forks one decoding JVM ({@link DecodeMain}) the way Cassandra's own JVMs start: Cassandra's JDK 17 flags and
 * runtime classpath (from the lab), plus the agent jar and the bench classes; a private copy of the corpus
 * node's system keyspaces and a cassandra.yaml pointing at it; Cassandra's logging at WARN. Echoes and parses
 * its stdout.
 */
final class DecodeJvm {
    private static final String LOGBACK = """
            <configuration>
              <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="ERR"/></root>
            </configuration>
            """;

    private final LabRuntime runtime;
    private final Corpus corpus;
    private final Path work;

    DecodeJvm(LabRuntime runtime, Corpus corpus, Path work) {
        this.runtime = runtime;
        this.corpus = corpus;
        this.work = work;
    }

    /** Runs the pair ("ab" or "cd"); returns its timed runs. Throws when the JVM fails or a check fails. */
    List<RunResult> run(String pair, CaptureOptions options, String bootstrap) throws IOException, InterruptedException {
        Path dir = work.resolve(pair);
        Trees.delete(dir);
        Path node = dir.resolve("node");
        Trees.copy(corpus.dataDir(), node.resolve("data"));
        Trees.copy(corpus.yamlTemplate().getParent(), node.resolve("conf"));
        Path yaml = corpus.writeYaml(node.resolve("conf/cassandra.yaml"), node);
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, LOGBACK);
        List<String> cmd = new ArrayList<>();
        cmd.add(LabRuntime.javaExecutable());
        cmd.addAll(runtime.cassandraJvmFlags());
        cmd.add("-Xms1g");
        cmd.add("-Xmx1g");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Dcassandra.config=file://" + yaml);
        cmd.add("-Dcassandra.storagedir=" + node);
        cmd.add("-Dlogback.configurationFile=" + logback);
        if (options.jfr()) {
            cmd.add("-XX:StartFlightRecording=filename=" + work.resolve(pair + ".jfr") + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(node.resolve("conf") + ":" + runtime.cassandraClasspath() + ":" + runtime.agentJar() + ":" + runtime.repoRoot().resolve("bench/target/classes"));
        cmd.add(DecodeMain.class.getName());
        cmd.addAll(List.of("--corpus", corpus.dir().toString(), "--work", dir.toString(), "--pair", pair,
                "--runs", Integer.toString(options.runs()), "--segments", Integer.toString(pair.equals("cd") ? options.kafkaSegments() : options.segments())));
        if (bootstrap != null) {
            cmd.addAll(List.of("--bootstrap", bootstrap));
        }
        Path err = work.resolve(pair + ".stderr.log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        List<RunResult> results = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                RunResult r = RunResult.parse(line);
                if (r != null) {
                    results.add(r);
                    System.out.println("  " + r.describe());
                } else {
                    System.out.println("  " + line);
                }
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            List<String> tail = Files.readAllLines(err);
            tail.subList(0, Math.max(0, tail.size() - 30)).clear();
            throw new IllegalStateException("decoding JVM (" + pair + ") exited " + code + "; last lines of " + err
                    + ":\n" + String.join("\n", tail));
        }
        return results;
    }
}
