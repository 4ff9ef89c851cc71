package io.ringtap.bench.capture;

import java.util.HashMap;
import java.util.Map;

/**
 * One timed run of one variant, as the decoding JVM prints it on one line ({@code RESULT variant=a run=1 ...})
 * and the harness parses it back.
 *
 * @param variant   a, b, c or d
 * @param run       1-based run number of that variant
 * @param bytes     commit-log segment bytes covered (file sizes)
 * @param mutations mutations handled: (a) every mutation read, (b)-(d) mutations of captured tables
 * @param events    EAV events produced (b, c), sent (d); for (a) the events ringtap derives from the same log
 * @param nanos     wall time of the run
 */
record RunResult(String variant, int run, long bytes, long mutations, long events, long nanos) {
    static final String PREFIX = "RESULT ";

    double seconds() {
        return nanos / 1e9;
    }

    double mbPerSecond() {
        return bytes / 1e6 / seconds();
    }

    double mutationsPerSecond() {
        return mutations / seconds();
    }

    double eventsPerSecond() {
        return events / seconds();
    }

    String line() {
        return PREFIX + "variant=" + variant + " run=" + run + " bytes=" + bytes + " mutations=" + mutations
                + " events=" + events + " nanos=" + nanos;
    }

    /** Parses {@link #line()}; returns null for any other line. */
    static RunResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new RunResult(kv.get("variant"), Integer.parseInt(kv.get("run")), Long.parseLong(kv.get("bytes")),
                Long.parseLong(kv.get("mutations")), Long.parseLong(kv.get("events")), Long.parseLong(kv.get("nanos")));
    }

    /** Human line for the raw-runs listing. */
    String describe() {
        return String.format("(%s) run %d: %.2f s, %.1f MB/s, %.0f mutations/s, %.0f events/s", variant, run, seconds(),
                mbPerSecond(), mutationsPerSecond(), eventsPerSecond());
    }
}
