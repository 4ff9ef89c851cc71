package io.ringtap.bench.latency;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.bench.Args;
import io.ringtap.bench.BenchLab;
import io.ringtap.bench.MarkdownTable;
import io.ringtap.bench.NodeSetup;
import io.ringtap.bench.OpenLoopWriter;
import io.ringtap.bench.Samples;
import io.ringtap.lab.SyncMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency: a write acknowledged by the node (the driver's future completes) to its event visible to a
 * {@code read_committed} consumer, under three configurations, with a fixed open-loop write rate to a cdc table.
 * p50, p99 and max over all samples of a run; medians over runs.
 */
public final class Main {
    private static final String TOPIC = "ringtap.bench.lat";

    private record Config(String name, SyncMode sync, boolean readAhead) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, new LinkedHashMap<>(Map.of(
                "runs", "5", "seconds", "10", "rate", "200", "payload-bytes", "100", "drain-seconds", "15",
                "poll-interval-ms", "default", "configs", "idx,read-ahead,group", "jfr", "no")));
        if (args.help()) {
            System.out.println("bench/run latency [" + args.describe() + "]\n"
                    + "  configs: idx (periodic, idx-following), read-ahead (periodic, capture.read-ahead), group (15 ms)\n"
                    + "  poll-interval-ms: capture.poll-interval-ms for the agent, or 'default'\n"
                    + "  jfr: yes to record a JFR profile of the node for each configuration into bench/target/jfr");
            return;
        }
        List<Config> configs = new ArrayList<>();
        for (String c : args.string("configs").split(",")) {
            switch (c.trim()) {
                case "idx" -> configs.add(new Config("periodic 10 s, idx-following", SyncMode.PERIODIC, false));
                case "read-ahead" -> configs.add(new Config("periodic 10 s, read-ahead", SyncMode.PERIODIC, true));
                case "group" -> configs.add(new Config("group 15 ms", SyncMode.GROUP, false));
                default -> throw new IllegalArgumentException("unknown config " + c);
            }
        }
        int runs = args.integer("runs");
        int rate = args.integer("rate");
        double seconds = Double.parseDouble(args.string("seconds"));
        long drainNanos = args.integer("drain-seconds") * 1_000_000_000L;
        System.out.println("# latency " + args.describe());

        Map<String, List<double[]>> results = new LinkedHashMap<>();
        java.nio.file.Path repoRoot = io.ringtap.lab.LabRuntime.locate().repoRoot();
        try (BenchLab bench = BenchLab.start("latency", "512m", true, setup(configs.get(0), args, repoRoot))) {
            CqlSession s = bench.session();
            s.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            s.execute("CREATE TABLE IF NOT EXISTS bench.lat (id bigint PRIMARY KEY, v text) WITH cdc = true");
            try (EventWatcher watcher = new EventWatcher(bench.lab().kafkaBootstrap(), TOPIC)) {
                for (int ci = 0; ci < configs.size(); ci++) {
                    Config config = configs.get(ci);
                    if (ci > 0) {
                        BenchLab.log("restarting the node for: " + config.name());
                        bench.restart(setup(config, args, repoRoot));
                    }
                    OpenLoopWriter writer = new OpenLoopWriter(bench.session(), "bench.lat", args.integer("payload-bytes"));
                    warmUp(writer, watcher, ci, rate);
                    List<double[]> perRun = new ArrayList<>();
                    for (int r = 0; r < runs; r++) {
                        long firstKey = (ci * 100L + r + 1) * 10_000_000L;
                        int n = (int) Math.round(rate * seconds);
                        LatencyMatcher matcher = new LatencyMatcher(firstKey, firstKey + n - 1);
                        watcher.watch(matcher);
                        OpenLoopWriter.Outcome out = writer.run(firstKey, rate, seconds, matcher::acked);
                        long deadline = System.nanoTime() + drainNanos;
                        while (!matcher.allSeen(out.acked()) && System.nanoTime() < deadline) {
                            watcher.checkAlive();
                            BenchLab.sleep(50);
                        }
                        watcher.watch(null);
                        Samples lat = matcher.latenciesMillis();
                        double[] row = {lat.percentile(50), lat.percentile(99), lat.max(), lat.count(), matcher.missing(), out.failed()};
                        perRun.add(row);
                        System.out.printf("RAW latency config=\"%s\" run=%d writes=%d acked=%d failed=%d seen=%d missing=%d "
                                        + "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f min_ms=%.1f%n",
                                config.name(), r + 1, out.sent(), out.acked(), out.failed(), lat.count(), matcher.missing(),
                                lat.percentile(50), lat.percentile(99), lat.max(), lat.min());
                        if (out.firstError() != null) {
                            System.out.println("  first write error: " + out.firstError());
                        }
                    }
                    results.put(config.name(), perRun);
                }
            }
        }
        MarkdownTable table = new MarkdownTable("configuration", "runs", "samples/run", "p50 ms", "p99 ms", "max ms",
                "missing (sum)");
        results.forEach((name, perRun) -> table.row(name, perRun.size(),
                MarkdownTable.num(median(perRun, 3), 0), MarkdownTable.num(median(perRun, 0), 0),
                MarkdownTable.num(median(perRun, 1), 0), MarkdownTable.num(median(perRun, 2), 0),
                (long) perRun.stream().mapToDouble(x -> x[4]).sum()));
        System.out.println();
        System.out.println("Medians over runs of each run's p50, p99 and max (ack to visible to a read_committed consumer):");
        System.out.println();
        System.out.print(table);
    }

    private static double median(List<double[]> rows, int column) {
        Samples s = new Samples();
        rows.forEach(r -> s.add(r[column]));
        return s.median();
    }

    private static NodeSetup setup(Config config, Args args, java.nio.file.Path repoRoot) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("capture.read-ahead", Boolean.toString(config.readAhead()));
        if (!args.string("poll-interval-ms").equals("default")) {
            overrides.put("capture.poll-interval-ms", args.string("poll-interval-ms"));
        }
        NodeSetup setup = NodeSetup.withAgent(config.sync(), overrides);
        return args.string("jfr").equals("yes") ? setup.withJfr(repoRoot, "latency-" + config.name()) : setup;
    }

    /** A short burst whose events must come through before timing starts (topic exists, pipeline warm). */
    private static void warmUp(OpenLoopWriter writer, EventWatcher watcher, int configIndex, int rate) {
        long firstKey = (configIndex * 100L + 99) * 10_000_000L;
        LatencyMatcher matcher = new LatencyMatcher(firstKey, firstKey + rate - 1);
        watcher.watch(matcher);
        OpenLoopWriter.Outcome out = writer.run(firstKey, rate, 1.0, matcher::acked);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!matcher.allSeen(out.acked()) && System.nanoTime() < deadline) {
            watcher.checkAlive();
            BenchLab.sleep(100);
        }
        watcher.watch(null);
        BenchLab.log("warm-up: " + out.acked() + " acked, " + matcher.missing() + " not seen within 60 s");
    }
}
