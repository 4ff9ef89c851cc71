package io.ringtap.agent.tool;

import io.ringtap.agent.commitlog.CdcIndex;
import io.ringtap.agent.commitlog.SegmentFiles;
import io.ringtap.agent.config.RingtapConfig;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The node's files the status reads: cdc_raw, the quarantine folder, system.log. Read-only. */
final class NodeFiles {
    private static final Pattern RINGTAP_ERROR = Pattern.compile("^ERROR\\b.*\\bringtap\\b.*", Pattern.CASE_INSENSITIVE);

    private NodeFiles() {
    }

    /** capture.cdc-raw-directory, else cassandra.yaml's cdc_raw_directory; null when neither says. */
    static Path cdcRawDirectory(RingtapConfig config, Path cassandraYaml) throws IOException {
        if (config.cdcRawDirectory().isPresent()) {
            return config.cdcRawDirectory().get();
        }
        if (cassandraYaml == null || !Files.isRegularFile(cassandraYaml)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(cassandraYaml, StandardCharsets.UTF_8)) {
            Object doc = new Yaml().load(r);
            Object dir = doc instanceof Map ? ((Map<?, ?>) doc).get("cdc_raw_directory") : null;
            return dir == null ? null : Paths.get(dir.toString().trim());
        }
    }

    /** Pending segments: count, bytes, completed, oldest's last write; adds a problem when cdc_raw is missing. */
    static Map<String, Object> cdcRaw(Path dir, Instant now, List<String> problems) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", dir == null ? null : dir.toString());
        if (dir == null || !Files.isDirectory(dir)) {
            problems.add(dir == null
                    ? "cdc_raw directory unknown: set capture.cdc-raw-directory or give --cassandra-yaml"
                    : "cdc_raw directory " + dir + " does not exist");
            return m;
        }
        List<SegmentFiles> segments = SegmentFiles.list(dir);
        long bytes = 0;
        int completed = 0;
        Long oldestAge = null;
        for (SegmentFiles s : segments) {
            if (s.log() != null && Files.exists(s.log())) {
                bytes += Files.size(s.log());
                if (oldestAge == null) {
                    oldestAge = Math.max(0, now.getEpochSecond() - Files.getLastModifiedTime(s.log()).toInstant().getEpochSecond());
                }
            }
            if (s.idx() != null && Files.exists(s.idx()) && CdcIndex.read(s.idx()).completed()) {
                completed++;
            }
        }
        m.put("segments", segments.size());
        m.put("bytes", bytes);
        m.put("completed", completed);
        m.put("oldest_segment_age_seconds", oldestAge);
        m.put("oldest_segment", segments.isEmpty() ? null : segments.get(0).id());
        return m;
    }

    /** The quarantine folder's files (corrupt segments set aside by capture); a problem when there are any. */
    static Map<String, Object> quarantine(Path dir, List<String> problems) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", dir == null ? null : dir.toString());
        List<String> files = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path f : ds) {
                    files.add(f.getFileName().toString());
                }
            }
        }
        files.sort(null);
        m.put("files", files);
        if (!files.isEmpty()) {
            problems.add(files.size() + " file(s) in quarantine " + dir + ": see ops/runbooks/quarantined-segment.md");
        }
        return m;
    }

    /** The last ERROR line of system.log that mentions ringtap, or null. Reads the whole file once. */
    static String lastRingtapError(Path systemLog) throws IOException {
        String last = null;
        // an InputStreamReader replaces malformed bytes instead of failing on them
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(Files.newInputStream(systemLog), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = RINGTAP_ERROR.matcher(line);
                if (m.matches()) {
                    last = line;
                }
            }
        }
        return last;
    }
}
