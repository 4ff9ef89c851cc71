package io.ringtap.bench.memory;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.bench.Args;
import io.ringtap.bench.BenchLab;
import io.ringtap.bench.MarkdownTable;
import io.ringtap.bench.NodeSetup;
import io.ringtap.bench.OpenLoopWriter;
import io.ringtap.bench.RatioTable;
import io.ringtap.lab.SyncMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Memory of a node with and without the agent, at steady state under a fixed open-loop write load to a cdc
 * table: Java heap in use right after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}), metaspace, RSS
 * ({@code /proc/<pid>/status}), and the live bytes of ringtap's, Kafka's and Chronicle's classes from a class
 * histogram. Runs alternate without/with the agent.
 */
public final class Main {
    private static final List<String> PREFIXES = List.of("io.ringtap.", "org.apache.kafka.", "net.openhft.");
    private static final double MIB = 1024 * 1024;

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv, new LinkedHashMap<>(Map.of(
                "runs", "3", "rate", "300", "warmup-seconds", "25", "payload-bytes", "100", "heap", "512m")));
        if (args.help()) {
            System.out.println("bench/run memory [" + args.describe() + "]");
            return;
        }
        NodeSetup without = NodeSetup.withoutAgent(SyncMode.PERIODIC);
        NodeSetup with = NodeSetup.withAgent(SyncMode.PERIODIC, Map.of());
        Map<String, NodeSetup> configs = new LinkedHashMap<>();
        configs.put("without agent", without);
        configs.put("with agent", with);
        System.out.println("# memory " + args.describe());
        RatioTable heap = new RatioTable();
        RatioTable rss = new RatioTable();
        RatioTable meta = new RatioTable();
        Map<String, RatioTable> classes = new LinkedHashMap<>();
        PREFIXES.forEach(p -> classes.put(p, new RatioTable()));
        int runs = args.integer("runs");
        int rate = args.integer("rate");
        double warmUp = Double.parseDouble(args.string("warmup-seconds"));
        try (BenchLab bench = BenchLab.start("memory", args.string("heap"), true, without)) {
            CqlSession s = bench.session();
            s.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            s.execute("CREATE TABLE IF NOT EXISTS bench.mem (id bigint PRIMARY KEY, v text) WITH cdc = true");
            boolean first = true;
            long nextKey = 0;
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, NodeSetup> c : configs.entrySet()) {
                    if (!first) {
                        BenchLab.log("restarting the node: " + c.getKey());
                        bench.restart(c.getValue());
                    }
                    first = false;
                    OpenLoopWriter writer = new OpenLoopWriter(bench.session(), "bench.mem", args.integer("payload-bytes"));
                    long firstKey = nextKey;
                    nextKey += (long) (rate * (warmUp + 30));
                    // the load keeps running while the figures are taken: steady state under load
                    CompletableFuture<OpenLoopWriter.Outcome> load = CompletableFuture.supplyAsync(
                            () -> writer.run(firstKey, rate, warmUp + 15, OpenLoopWriter.ignore()));
                    BenchLab.sleep((long) (warmUp * 1000));
                    long pid = bench.nodePid();
                    JvmMemory.jcmd(pid, "GC.run");
                    String info = JvmMemory.jcmd(pid, "GC.heap_info");
                    long used = JvmMemory.heapUsed(info);
                    long metaspace = JvmMemory.metaspaceUsed(info);
                    long resident = JvmMemory.rss(pid);
                    Map<String, Long> byPrefix = JvmMemory.bytesByPrefix(JvmMemory.jcmd(pid, "GC.class_histogram"), PREFIXES);
                    OpenLoopWriter.Outcome out = load.get();
                    heap.add(c.getKey(), used / MIB);
                    rss.add(c.getKey(), resident / MIB);
                    meta.add(c.getKey(), metaspace / MIB);
                    byPrefix.forEach((p, b) -> classes.get(p).add(c.getKey(), b / 1024.0));
                    System.out.printf("RAW memory config=\"%s\" round=%d heap_used_after_full_gc_mib=%.1f metaspace_mib=%.1f "
                                    + "rss_mib=%.1f %s writes_acked=%d failed=%d%n", c.getKey(), r + 1, used / MIB,
                            metaspace / MIB, resident / MIB, histogram(byPrefix), out.acked(), out.failed());
                    if (out.firstError() != null) {
                        System.out.println("  first write error: " + out.firstError());
                    }
                }
            }
        }
        MarkdownTable table = new MarkdownTable("node", "runs", "heap used after full GC, MiB", "metaspace MiB",
                "RSS MiB", "io.ringtap.* KiB", "org.apache.kafka.* KiB", "net.openhft.* KiB");
        for (String c : configs.keySet()) {
            table.row(c, heap.samples(c).count(), MarkdownTable.num(heap.median(c), 1), MarkdownTable.num(meta.median(c), 1),
                    MarkdownTable.num(rss.median(c), 0), MarkdownTable.num(classes.get("io.ringtap.").median(c), 1),
                    MarkdownTable.num(classes.get("org.apache.kafka.").median(c), 1),
                    MarkdownTable.num(classes.get("net.openhft.").median(c), 1));
        }
        String w = "with agent";
        String wo = "without agent";
        table.row("agent's share (with - without)", "", MarkdownTable.num(heap.median(w) - heap.median(wo), 1),
                MarkdownTable.num(meta.median(w) - meta.median(wo), 1), MarkdownTable.num(rss.median(w) - rss.median(wo), 0),
                "", "", "");
        System.out.println();
        System.out.println("Medians over runs, " + rate + " writes/s to a cdc table, figures taken under load:");
        System.out.println();
        System.out.print(table);
    }

    private static String histogram(Map<String, Long> byPrefix) {
        StringBuilder sb = new StringBuilder();
        byPrefix.forEach((p, b) -> sb.append(sb.length() == 0 ? "" : " ").append(p).append("*_kib=")
                .append(String.format(java.util.Locale.ROOT, "%.1f", b / 1024.0)));
        return sb.toString();
    }
}
