package io.ringtap.bench.capture;

import io.ringtap.lab.Lab;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.LabSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code bench/run capture}: capture throughput on a fixed commit-log corpus (docs/benchmarks.md, section 1).
 * Makes the corpus once (cached in {@code <repo>/.bench/corpus}), then runs (a)/(b) in one forked decoding
 * JVM and (c)/(d) in another against a lab broker, alternately, and prints every run, the medians and ratios
 * as a Markdown table.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(CaptureOptions.USAGE);
            return;
        }
        CaptureOptions options;
        try {
            options = CaptureOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run capture: " + e.getMessage() + "\n" + CaptureOptions.USAGE);
            System.exit(2);
            return;
        }
        LabRuntime runtime = LabRuntime.locate();
        Path bench = runtime.repoRoot().resolve(".bench");
        Corpus corpus = new Corpus(options.corpusDir() != null ? Path.of(options.corpusDir()) : bench.resolve("corpus"));
        if (!corpus.exists() || options.regenerate()) {
            System.out.println("== making the corpus (" + options.corpusMiB() + " MiB) in " + corpus.dir());
            new CorpusBuilder(runtime, bench.resolve("corpus-lab")).build(corpus, options.corpusMiB() << 20);
        }
        Properties m = corpus.manifest();
        System.out.printf("== corpus %s: %s segments, %s bytes, %s statements written by the workload in %s s (%s)%n",
                corpus.dir(), m.getProperty("segments"), m.getProperty("segment-bytes"), m.getProperty("statements"),
                m.getProperty("generation-seconds"), m.getProperty("created"));
        System.out.println("== machine: " + machine());
        Path work = bench.resolve("work");
        Trees.delete(work);
        Files.createDirectories(work);
        DecodeJvm jvm = new DecodeJvm(runtime, corpus, work);
        List<RunResult> results = new ArrayList<>();
        long started = System.nanoTime();
        if (options.pairs().contains("ab")) {
            System.out.println("== (a) CommitLogReader floor vs (b) ringtap decode+EAV+queue, alternating, " + options.runs() + " runs each");
            results.addAll(jvm.run("ab", options, null));
        }
        if (options.pairs().contains("cd")) {
            System.out.println("== (c) full path to Kafka vs (d) bare producer, alternating, " + options.runs() + " runs each");
            results.addAll(withBroker(runtime, bench.resolve("kafka-lab"), bootstrap -> jvm.run("cd", options, bootstrap)));
        }
        System.out.printf("== done in %.0f s; load now: %s%n", (System.nanoTime() - started) / 1e9, loadAverage());
        System.out.println("== raw runs");
        results.forEach(r -> System.out.println("  " + r.describe()));
        System.out.println("== results (medians; " + Instant.now() + ")\n");
        System.out.println(new ResultTable(results).markdown());
    }

    interface BrokerRun {
        List<RunResult> run(String bootstrap) throws Exception;
    }

    /**
     * A lab broker on RINGTAP_LAB_NET. The lab always has a node; it is stopped as soon as the lab is up, so only
     * the broker competes with the decoding JVM.
     */
    private static List<RunResult> withBroker(LabRuntime runtime, Path dir, BrokerRun body) throws Exception {
        Lab.wipe(runtime, dir);
        LabSettings settings = LabSettings.defaults().withAgent(false).withKafka(true);
        try (Lab lab = Lab.create(runtime, dir, settings, true)) {
            lab.up();
            lab.node(1).stop();
            return body.run(lab.kafkaBootstrap());
        } finally {
            Lab.wipe(runtime, dir);
        }
    }

    static String machine() throws IOException {
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return Runtime.getRuntime().availableProcessors() + " cpus, " + mem + ", JDK " + System.getProperty("java.version")
                + ", load average " + loadAverage();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
