package io.ringtap.bench.overhead;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.bench.Args;
import io.ringtap.bench.BenchLab;
import io.ringtap.bench.MarkdownTable;
import io.ringtap.bench.NodeSetup;
import io.ringtap.bench.RatioTable;
import io.ringtap.lab.SyncMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write-path overhead: the node's write throughput under a closed loop (fixed concurrency) and the p99 write
 * latency, for (A) a table without cdc and no agent, (B) a cdc table with the agent capturing and forwarding to
 * the lab broker, (C) a table without cdc with the ringtap trigger, agent installed with capture off. Runs
 * alternate A/B/C/A/B/C...; the node restarts between runs with the next configuration.
 */
public final class Main {
    private record Config(String name, String table, NodeSetup setup) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, new LinkedHashMap<>(Map.of(
                "runs", "5", "concurrency", "64", "warmup-seconds", "5", "seconds", "10", "payload-bytes", "100",
                "keys", "1000000", "jfr", "none", "configs", "A,B,C")));
        if (args.help()) {
            System.out.println("bench/run overhead [" + args.describe() + "]\n"
                    + "  jfr: none, or a configuration letter (not the first one: its node starts with the lab) whose node records JFR into bench/target/jfr\n"
                    + "  configs: letters to run, the first is the baseline (A no cdc, B cdc + agent, C trigger, D cdc without agent)");
            return;
        }
        List<Config> all = List.of(
                new Config("A: no cdc, no agent", "bench.plain", NodeSetup.withoutAgent(SyncMode.PERIODIC)),
                new Config("B: cdc + agent (capture, forward)", "bench.cdc",
                        NodeSetup.withAgent(SyncMode.PERIODIC, Map.of())),
                new Config("C: trigger, agent (capture off)", "bench.trig",
                        NodeSetup.withAgent(SyncMode.PERIODIC, Map.of("capture.enabled", "false"))),
                // Cassandra's own CDC cost; cdc_raw just grows (a few MB per run) until B's agent reads it
                new Config("D: cdc, no agent", "bench.cdc", NodeSetup.withoutAgent(SyncMode.PERIODIC)));
        List<Config> configs = new java.util.ArrayList<>();
        for (String letter : args.string("configs").split(",")) {
            configs.add(all.stream().filter(c -> c.name().startsWith(letter.trim() + ":")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown configuration " + letter)));
        }
        System.out.println("# overhead " + args.describe());
        RatioTable throughput = new RatioTable();
        RatioTable p99 = new RatioTable();
        RatioTable p50 = new RatioTable();
        int runs = args.integer("runs");
        try (BenchLab bench = BenchLab.start("overhead", "512m", true, configs.get(0).setup())) {
            CqlSession s = bench.session();
            s.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            s.execute("CREATE TABLE IF NOT EXISTS bench.plain (id bigint PRIMARY KEY, v text)");
            s.execute("CREATE TABLE IF NOT EXISTS bench.cdc (id bigint PRIMARY KEY, v text) WITH cdc = true");
            s.execute("CREATE TABLE IF NOT EXISTS bench.trig (id bigint PRIMARY KEY, v text)");
            s.execute("CREATE TRIGGER IF NOT EXISTS ringtap ON bench.trig USING 'io.ringtap.triggers.RingtapTrigger'");
            boolean first = true;
            for (int r = 0; r < runs; r++) {
                for (Config config : configs) {
                    if (!first) {
                        BenchLab.log("restarting the node for: " + config.name());
                        bench.restart(setup(config, args, bench.lab().runtime().repoRoot()));
                    }
                    first = false;
                    ClosedLoopLoad load = new ClosedLoopLoad(bench.session(), config.table(),
                            args.integer("payload-bytes"), Long.parseLong(args.string("keys")));
                    ClosedLoopLoad.Result res = load.run(args.integer("concurrency"),
                            Double.parseDouble(args.string("warmup-seconds")), Double.parseDouble(args.string("seconds")));
                    throughput.add(config.name(), res.writesPerSecond());
                    p99.add(config.name(), res.p99Millis());
                    p50.add(config.name(), res.p50Millis());
                    System.out.printf("RAW overhead config=\"%s\" round=%d writes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f failed=%d%n",
                            config.name(), r + 1, res.writesPerSecond(), res.p50Millis(), res.p99Millis(), res.failed());
                    if (res.firstError() != null) {
                        System.out.println("  first write error: " + res.firstError());
                    }
                }
            }
        }
        // A is the baseline: RatioTable takes the first configuration added
        MarkdownTable table = new MarkdownTable("configuration", "runs", "writes/s (median)", "vs A",
                "p50 ms", "p99 ms (median)", "p99 vs A");
        for (String c : throughput.configs()) {
            table.row(c, throughput.samples(c).count(), MarkdownTable.num(throughput.median(c), 0),
                    MarkdownTable.num(throughput.ratio(c), 3) + "x", MarkdownTable.num(p50.median(c), 2),
                    MarkdownTable.num(p99.median(c), 2), MarkdownTable.num(p99.ratio(c), 2) + "x");
        }
        System.out.println();
        System.out.println("Closed loop, " + args.integer("concurrency") + " writes in flight, medians over runs:");
        System.out.println();
        System.out.print(table);
    }

    private static NodeSetup setup(Config config, Args args, java.nio.file.Path repoRoot) {
        String jfr = args.string("jfr");
        return config.name().startsWith(jfr + ":") ? config.setup().withJfr(repoRoot, "overhead-" + jfr) : config.setup();
    }
}
