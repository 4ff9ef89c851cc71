package io.ringtap.bench.capture;

import com.datastax.oss.driver.api.core.CqlSession;
import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.LabSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Makes the corpus with the lab: one real node without the agent (so cdc_raw keeps every segment), the mixed
 * {@link CorpusWorkload} until cdc_raw holds enough finished segments, {@code nodetool drain}, a clean stop;
 * then keeps the COMPLETED segments, the node's cassandra.yaml and its system keyspaces.
 */
final class CorpusBuilder {
    private static final long SEGMENT_BYTES = 32L << 20; // conf/lab/cassandra.yaml commitlog_segment_size

    private final LabRuntime runtime;
    private final Path labDir;

    CorpusBuilder(LabRuntime runtime, Path labDir) {
        this.runtime = runtime;
        this.labDir = labDir;
    }

    void build(Corpus corpus, long targetBytes) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Lab.wipe(runtime, labDir);
        Trees.delete(corpus.dir());
        long spaceMiB = Math.max(1024, 2 * (targetBytes >> 20) + 512);
        LabSettings settings = LabSettings.defaults().withAgent(false).withKafka(false)
                .withCdcTotalSpace(spaceMiB + "MiB").withHeap("1g");
        long statements;
        String hostId;
        try (Lab lab = Lab.create(runtime, labDir, settings, true)) {
            lab.up();
            CassandraNode node = lab.node(1);
            CqlSession session = lab.session(1);
            hostId = session.execute("SELECT host_id FROM system.local").one().getUuid("host_id").toString();
            CorpusWorkload workload = new CorpusWorkload(session);
            workload.createSchema();
            long wantSegments = (targetBytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES + 1;
            System.err.printf("corpus: writing until cdc_raw holds %d segments (%d MiB)%n", wantSegments, targetBytes >> 20);
            long[] lastReport = {System.nanoTime()};
            statements = workload.run(() -> {
                long n = countLogs(node.cdcRawDir());
                if (System.nanoTime() - lastReport[0] > 15_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    System.err.printf("corpus: %d segments in cdc_raw after %.0f s%n", n, (System.nanoTime() - started) / 1e9);
                }
                return n >= wantSegments;
            });
            System.err.println("corpus: " + statements + " statements written; draining the node");
            lab.nodetool().run(node, "drain");
            lab.down(false);
            keep(corpus, node);
        } finally {
            Lab.wipe(runtime, labDir);
        }
        Properties p = new Properties();
        p.setProperty("host-id", hostId);
        p.setProperty("statements", Long.toString(statements));
        p.setProperty("target-bytes", Long.toString(targetBytes));
        p.setProperty("segments", Integer.toString(corpus.segments().size()));
        p.setProperty("segment-bytes", Long.toString(corpus.segmentBytes()));
        p.setProperty("generation-seconds", String.format("%.0f", (System.nanoTime() - started) / 1e9));
        p.setProperty("created", java.time.Instant.now().toString());
        corpus.writeManifest(p);
    }

    /** Moves the COMPLETED segments with their idx, copies the system keyspaces and the yaml (node dir tokenised). */
    private static void keep(Corpus corpus, CassandraNode node) throws IOException {
        Files.createDirectories(corpus.segmentsDir());
        int kept = 0;
        int dropped = 0;
        try (Stream<Path> files = Files.list(node.cdcRawDir())) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Path idx = Corpus.idxOf(log);
                boolean completed = Files.exists(idx)
                        && Files.readString(idx, StandardCharsets.US_ASCII).contains("COMPLETED");
                if (completed) {
                    Files.move(log, corpus.segmentsDir().resolve(log.getFileName()));
                    Files.move(idx, corpus.segmentsDir().resolve(idx.getFileName()));
                    kept++;
                } else {
                    dropped++;
                }
            }
        }
        System.err.printf("corpus: kept %d completed segments, dropped %d unfinished or without idx%n", kept, dropped);
        for (String ks : new String[] {"system_schema", "system"}) {
            Trees.copy(node.dataDir().resolve(ks), corpus.dataDir().resolve(ks));
        }
        // the snitch reads cassandra-rackdc.properties from the classpath: keep the node's conf files with the yaml
        Trees.copy(node.confDir(), corpus.yamlTemplate().getParent());
        String yaml = Files.readString(node.confDir().resolve("cassandra.yaml"), StandardCharsets.UTF_8)
                .replace(node.dir().toAbsolutePath().normalize().toString(), Corpus.NODE_DIR_TOKEN);
        Files.createDirectories(corpus.yamlTemplate().getParent());
        Files.writeString(corpus.yamlTemplate(), yaml, StandardCharsets.UTF_8);
    }

    private static long countLogs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
