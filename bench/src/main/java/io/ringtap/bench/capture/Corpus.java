package io.ringtap.bench.capture;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The capture corpus on disk: {@code segments/} (completed commit-log segments and their {@code _cdc.idx}),
 * {@code node/} (what decoding needs offline: {@code conf/cassandra.yaml} with the node directory written as
 * {@value #NODE_DIR_TOKEN}, and {@code data/} holding the system keyspaces) and {@code corpus.properties}.
 */
final class Corpus {
    static final String NODE_DIR_TOKEN = "@CORPUS_NODE_DIR@";
    private static final String MANIFEST = "corpus.properties";

    private final Path dir;

    Corpus(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() { return dir; }
    Path segmentsDir() { return dir.resolve("segments"); }
    Path nodeDir() { return dir.resolve("node"); }
    Path yamlTemplate() { return nodeDir().resolve("conf/cassandra.yaml"); }
    Path dataDir() { return nodeDir().resolve("data"); }

    boolean exists() {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    Properties manifest() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(MANIFEST))) {
            p.load(r);
        }
        return p;
    }

    void writeManifest(Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(MANIFEST))) {
            p.store(w, "ringtap capture benchmark corpus");
        }
    }

    /** The segment logs, in id order (file names sort by id when ids have the same width: compare numerically). */
    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(segmentsDir())) {
            List<Path> logs = new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".log")).toList());
            logs.sort((a, b) -> Long.compare(segmentId(a), segmentId(b)));
            return logs;
        }
    }

    long segmentBytes() throws IOException {
        long total = 0;
        for (Path p : segments()) {
            total += Files.size(p);
        }
        return total;
    }

    /** {@code CommitLog-7-1763863600001.log} -> 1763863600001. */
    static long segmentId(Path log) {
        String name = log.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.indexOf('.')));
    }

    static Path idxOf(Path log) {
        String name = log.getFileName().toString();
        return log.resolveSibling(name.substring(0, name.length() - ".log".length()) + "_cdc.idx");
    }

    /** Writes a cassandra.yaml for offline decoding whose node directory is {@code nodeDir}. */
    Path writeYaml(Path target, Path nodeDir) throws IOException {
        String yaml = Files.readString(yamlTemplate(), StandardCharsets.UTF_8).replace(NODE_DIR_TOKEN, nodeDir.toString());
        Files.createDirectories(target.getParent());
        Files.writeString(target, yaml, StandardCharsets.UTF_8);
        return target;
    }
}
