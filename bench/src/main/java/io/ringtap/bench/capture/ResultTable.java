package io.ringtap.bench.capture;

import io.ringtap.bench.Samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Medians per variant and the two ratios of the capture suite, as a Markdown table. Ratios are of median
 * events/s: (b)/(a) against 0.8, (c)/(d) against 0.7.
 */
final class ResultTable {
    static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("a", "Cassandra CommitLogReader, every cell walked (floor)");
        DESCRIPTIONS.put("b", "ringtap decode + EAV + Chronicle queue");
        DESCRIPTIONS.put("c", "ringtap full path to Kafka (acks=all, exactly once)");
        DESCRIPTIONS.put("d", "bare kafka-clients producer, same records and settings");
    }

    private final List<RunResult> runs;

    ResultTable(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    List<RunResult> runsOf(String variant) {
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.variant().equals(variant)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Median of {@code metric} over the variant's runs, NaN when it has none. */
    double median(String variant, java.util.function.ToDoubleFunction<RunResult> metric) {
        List<RunResult> rs = runsOf(variant);
        if (rs.isEmpty()) {
            return Double.NaN;
        }
        Samples s = new Samples();
        rs.forEach(r -> s.add(metric.applyAsDouble(r)));
        return s.median();
    }

    /** Median events/s of {@code num} over median events/s of {@code den}; NaN when either is missing. */
    double ratio(String num, String den) {
        return median(num, RunResult::eventsPerSecond) / median(den, RunResult::eventsPerSecond);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| variant | runs | MB/s | mutations/s | events/s | ratio (events/s) |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> e : DESCRIPTIONS.entrySet()) {
            String v = e.getKey();
            int n = runsOf(v).size();
            if (n == 0) {
                continue;
            }
            String ratio = switch (v) {
                case "b" -> ratioCell(ratio("b", "a"), "(a)", 0.8);
                case "c" -> ratioCell(ratio("c", "d"), "(d)", 0.7);
                default -> "";
            };
            sb.append(String.format("| (%s) %s | %d | %.1f | %s | %s | %s |%n", v, e.getValue(), n,
                    median(v, RunResult::mbPerSecond), thousands(median(v, RunResult::mutationsPerSecond)),
                    thousands(median(v, RunResult::eventsPerSecond)), ratio));
        }
        return sb.toString();
    }

    static String ratioCell(double ratio, String against, double target) {
        if (Double.isNaN(ratio)) {
            return "";
        }
        return String.format("%.2fx of %s (target >= %.1fx: %s)", ratio, against, target, ratio >= target ? "met" : "missed");
    }

    static String thousands(double v) {
        return String.format("%,d", Math.round(v));
    }
}
