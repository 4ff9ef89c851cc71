package io.ringtap.agent.commitlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One commit-log segment as found in cdc_raw: {@code CommitLog-<version>-<id>.log} and its
 * {@code CommitLog-<version>-<id>_cdc.idx}; either may be missing.
 */
public final class SegmentFiles {
    private static final Pattern LOG = Pattern.compile("CommitLog-(\\d+)-(\\d+)\\.log");
    private static final Pattern IDX = Pattern.compile("CommitLog-(\\d+)-(\\d+)_cdc\\.idx");

    private final long id;
    private final Path log;
    private final Path idx;

    SegmentFiles(long id, Path log, Path idx) {
        this.id = id;
        this.log = log;
        this.idx = idx;
    }

    public long id() { return id; }
    /** The segment file, or {@code null} when only the idx is there. */
    public Path log() { return log; }
    /** The idx file, or {@code null} for an orphan log. */
    public Path idx() { return idx; }

    /** The segments in {@code cdcRaw}, in segment-id order (the order Cassandra wrote them). */
    public static List<SegmentFiles> list(Path cdcRaw) throws IOException {
        Map<Long, Path[]> byId = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cdcRaw, "CommitLog-*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Matcher m = LOG.matcher(name);
                if (m.matches()) {
                    byId.computeIfAbsent(Long.parseLong(m.group(2)), k -> new Path[2])[0] = f;
                    continue;
                }
                m = IDX.matcher(name);
                if (m.matches()) {
                    byId.computeIfAbsent(Long.parseLong(m.group(2)), k -> new Path[2])[1] = f;
                }
            }
        }
        List<SegmentFiles> out = new ArrayList<>(byId.size());
        for (Map.Entry<Long, Path[]> e : byId.entrySet()) {
            out.add(new SegmentFiles(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return out;
    }

    @Override
    public String toString() {
        return (log != null ? log : idx).getFileName().toString();
    }
}
