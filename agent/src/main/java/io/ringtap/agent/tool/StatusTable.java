package io.ringtap.agent.tool;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The status as a two-column table for humans: {@code section  key  value}, ages and sizes made readable. */
final class StatusTable {
    private StatusTable() {
    }

    static void print(Map<String, Object> status, PrintStream out) {
        out.println("ringtap status of " + status.get("config") + " at " + status.get("time"));
        for (Map.Entry<String, Object> section : status.entrySet()) {
            if (!(section.getValue() instanceof Map)) {
                continue;
            }
            out.println();
            out.println(section.getKey());
            for (Map.Entry<?, ?> e : ((Map<?, ?>) section.getValue()).entrySet()) {
                out.printf("  %-28s %s%n", e.getKey(), show(e.getKey().toString(), e.getValue()));
            }
        }
        out.println();
        Object lastError = status.get("last_error");
        out.println("last_error  " + (lastError == null ? "-" : lastError));
        List<?> problems = (List<?>) status.get("problems");
        out.println();
        out.println(problems.isEmpty() ? "OK: no problem found" : "PROBLEMS (" + problems.size() + "):");
        for (Object p : problems) {
            out.println("  - " + p);
        }
    }

    static String show(String key, Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            return m.containsKey("segment") ? m.get("segment") + ":" + m.get("position") : m.toString();
        }
        if (value instanceof List) {
            List<?> l = (List<?>) value;
            return l.isEmpty() ? "(none)" : l.size() + ": " + String.join(", ", (List<String>) (List<?>) l);
        }
        if (key.endsWith("bytes") && value instanceof Number) {
            return bytes(((Number) value).longValue());
        }
        if (key.endsWith("_ts") && value instanceof Number) {
            long micros = ((Number) value).longValue();
            return value + " (" + Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000) + ")";
        }
        if (key.endsWith("_seconds") && value instanceof Number) {
            return value + " s";
        }
        return value.toString();
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024L * 1024) {
            return String.format(java.util.Locale.ROOT, "%d B (%.1f KiB)", b, b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%d B (%.1f MiB)", b, b / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%d B (%.2f GiB)", b, b / (1024.0 * 1024 * 1024));
    }
}
