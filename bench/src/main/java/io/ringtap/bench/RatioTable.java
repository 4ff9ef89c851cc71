package io.ringtap.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of several configurations of one figure, reported as each configuration's median and its ratio to the
 * median of a baseline configuration (the first one added).
 */
public final class RatioTable {
    private final Map<String, Samples> byConfig = new LinkedHashMap<>();

    public RatioTable add(String config, double value) {
        byConfig.computeIfAbsent(config, k -> new Samples()).add(value);
        return this;
    }

    public List<String> configs() {
        return List.copyOf(byConfig.keySet());
    }

    public Samples samples(String config) {
        Samples s = byConfig.get(config);
        if (s == null) {
            throw new IllegalArgumentException("no runs of " + config);
        }
        return s;
    }

    public double median(String config) {
        return samples(config).median();
    }

    /** The configuration's median over the baseline's median. */
    public double ratio(String config) {
        String baseline = byConfig.keySet().iterator().next();
        return median(config) / median(baseline);
    }
}
