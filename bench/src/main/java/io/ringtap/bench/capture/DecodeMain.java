package io.ringtap.bench.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The forked decoding JVM (Cassandra runtime classpath, agent jar, bench classes, Cassandra's JDK 17 flags):
 * loads the corpus node's schema offline, then runs either (a)/(b) or (c)/(d) alternately and prints one
 * {@link RunResult} line per timed run on stdout, plus {@code INFO}/{@code CHECK} lines. Exit 3 when counts
 * disagree between variants or a table is unknown.
 *
 * <p>Arguments: {@code --corpus DIR --work DIR --pair ab|cd --runs N [--segments K] [--bootstrap HOST:PORT]}.
 */
public final class DecodeMain {
    private DecodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Corpus corpus = new Corpus(Path.of(opt.get("corpus")));
        Path work = Path.of(opt.get("work"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
        List<Path> segments = corpus.segments();
        int limit = Integer.parseInt(opt.getOrDefault("segments", "0"));
        if (limit > 0 && limit < segments.size()) {
            segments = segments.subList(0, limit);
        }
        long bytes = 0;
        for (Path s : segments) {
            bytes += Files.size(s);
        }
        String host = corpus.manifest().getProperty("host-id");
        long t = System.nanoTime();
        List<String> cdcTables = OfflineSchema.load();
        System.out.printf("INFO schema loaded offline in %.1f s; cdc tables: %s%n", (System.nanoTime() - t) / 1e9, cdcTables);
        countCorpusOnce(corpus);
        System.out.printf("INFO measuring %d segments, %d bytes%n", segments.size(), bytes);
        int code = "cd".equals(opt.get("pair"))
                ? kafkaPair(segments, bytes, work, runs, opt.get("bootstrap"))
                : decodePair(segments, bytes, work, runs, host);
        System.out.flush();
        System.exit(code);
    }

    /** The whole corpus's mutation and cell counts, recorded in its manifest the first time (untimed). */
    private static void countCorpusOnce(Corpus corpus) throws Exception {
        java.util.Properties m = corpus.manifest();
        if (!m.containsKey("mutations")) {
            FloorRun.Counts all = FloorRun.read(corpus.segments());
            m.setProperty("mutations", Long.toString(all.mutations()));
            m.setProperty("cdc-mutations", Long.toString(all.cdcMutations()));
            m.setProperty("cells", Long.toString(all.cells()));
            m.setProperty("unknown-table-mutations", Long.toString(all.invalid()));
            corpus.writeManifest(m);
        }
        System.out.printf("INFO corpus: %s segments, %s bytes, %s mutations (%s of cdc tables), %s cells%n",
                m.getProperty("segments"), m.getProperty("segment-bytes"), m.getProperty("mutations"),
                m.getProperty("cdc-mutations"), m.getProperty("cells"));
    }

    private static int decodePair(List<Path> segments, long bytes, Path work, int runs, String host) throws Exception {
        // warm-up (untimed): JIT, page cache, and the counts every timed run must reproduce
        FloorRun.Counts floor = FloorRun.read(segments);
        System.out.printf("CHECK (a) mutations=%d cdc-mutations=%d cells=%d unknown-table-mutations=%d%n",
                floor.mutations(), floor.cdcMutations(), floor.cells(), floor.invalid());
        long[] captured = capture(segments, work.resolve("warmup-b"), host);
        System.out.printf("CHECK (b) mutations=%d events=%d dropped-table-mutations=%d%n", captured[0], captured[1], captured[2]);
        boolean ok = floor.invalid() == 0 && captured[2] == 0 && captured[0] == floor.cdcMutations();
        if (!ok) {
            System.out.println("CHECK FAILED: unknown tables or (a)/(b) mutation counts differ");
            return 3;
        }
        long events = captured[1];
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            FloorRun.Counts c = FloorRun.read(segments);
            long nanos = System.nanoTime() - t0;
            if (c.mutations() != floor.mutations() || c.cells() != floor.cells() || c.checksum() != floor.checksum()) {
                System.out.println("CHECK FAILED: (a) run " + run + " read different content");
                return 3;
            }
            // (a) makes no events: its events/s is the rate of the events ringtap derives from the same log
            System.out.println(new RunResult("a", run, bytes, c.mutations(), events, nanos).line());
            long[] b = capture(segments, work.resolve("b" + run), host);
            if (b[0] != captured[0] || b[1] != events) {
                System.out.println("CHECK FAILED: (b) run " + run + " captured different counts");
                return 3;
            }
            System.out.println(new RunResult("b", run, bytes, b[0], b[1], b[3]).line());
        }
        return 0;
    }

    /** Runs (b) once; returns {mutations, events, dropped-table mutations, nanos from the follower's start}. */
    private static long[] capture(List<Path> segments, Path work, String host) throws Exception {
        Trees.delete(work);
        long[] out;
        try (CaptureRun run = new CaptureRun(segments, work, host, "dc1")) {
            long t0 = System.nanoTime();
            run.start();
            run.awaitCaptured(TimeUnit.MINUTES.toNanos(20));
            long nanos = System.nanoTime() - t0;
            out = new long[] {run.stats().mutationsCaptured(), run.stats().eventsCaptured(),
                    run.stats().droppedTableMutations(), nanos};
        }
        Trees.delete(work);
        return out;
    }

    private static int kafkaPair(List<Path> segments, long bytes, Path work, int runs, String bootstrap) throws Exception {
        KafkaRuns kafka = new KafkaRuns(bootstrap);
        Path records = work.resolve("records.bin");
        String nonce = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        long events = -1;
        long mutations = -1;
        for (int run = 1; run <= runs; run++) {
            String prefix = "bench" + nonce + "r" + run;
            Path cwork = work.resolve("c" + run);
            Trees.delete(cwork);
            RunResult c = kafka.fullPath(run, segments, bytes, cwork, prefix, events < 0 ? records : null);
            Trees.delete(cwork);
            System.out.println(c.line());
            if (events < 0) {
                events = c.events();
                mutations = c.mutations();
            } else if (c.events() != events || c.mutations() != mutations) {
                System.out.println("CHECK FAILED: (c) run " + run + " forwarded different counts");
                return 3;
            }
            Path dwork = Files.createDirectories(work.resolve("d" + run));
            RunResult d = kafka.bareProducer(run, records, bytes, mutations, dwork, prefix);
            Trees.delete(dwork);
            System.out.println(d.line());
            if (d.events() != events) {
                System.out.println("CHECK FAILED: (d) run " + run + " sent " + d.events() + " events, (c) " + events);
                return 3;
            }
            kafka.deleteTopics(prefix);
        }
        Trees.delete(records);
        Trees.delete(records.resolveSibling(records.getFileName() + ".body"));
        return 0;
    }
}
