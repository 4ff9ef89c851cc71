package io.ringtap.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory figures of another JVM on this host: jcmd (full GC, heap, class histogram) and /proc (RSS). */
final class JvmMemory {
    private static final Pattern USED = Pattern.compile("total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    private static final Pattern META = Pattern.compile("Metaspace\\s+used\\s+(\\d+)K");
    private static final Pattern HISTO = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private JvmMemory() {
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command[0] + " failed: " + out);
        }
        return out;
    }

    /** Java heap in use, in bytes, from {@code GC.heap_info}: the sum over its generations/heap lines. */
    static long heapUsed(String heapInfo) {
        long usedK = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                usedK += Long.parseLong(m.group(2));
            }
        }
        return usedK * 1024;
    }

    /** Metaspace in use, in bytes, from {@code GC.heap_info}; -1 if absent. */
    static long metaspaceUsed(String heapInfo) {
        Matcher m = META.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** Bytes of live instances per class-name prefix, from {@code GC.class_histogram}; each prefix in the result. */
    static Map<String, Long> bytesByPrefix(String histogram, List<String> prefixes) {
        Map<String, Long> out = new LinkedHashMap<>();
        prefixes.forEach(p -> out.put(p, 0L));
        for (String line : histogram.split("\n")) {
            Matcher m = HISTO.matcher(line);
            if (!m.find()) {
                continue;
            }
            String cls = m.group(3);
            for (String p : prefixes) {
                if (cls.startsWith(p)) {
                    out.merge(p, Long.parseLong(m.group(2)), Long::sum);
                    break;
                }
            }
        }
        return out;
    }

    /** VmRSS of {@code /proc/<pid>/status}, in bytes. */
    static long rss(long pid) throws IOException {
        return rssOf(Files.readString(Path.of("/proc/" + pid + "/status")));
    }

    static long rssOf(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }
}
