package io.ringtap.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one figure. Benchmarks report medians over runs (these machines are noisy) and
 * nearest-rank percentiles over latency samples.
 */
public final class Samples {
    private final List<Double> values = new ArrayList<>();

    public Samples add(double value) {
        values.add(value);
        return this;
    }

    public int count() {
        return values.size();
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    /** Median (the mean of the two middle values for an even count). */
    public double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]: the smallest value with at least p% of values at or below it. */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        List<Double> sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    public double max() {
        return sorted().get(values.size() - 1);
    }

    public double min() {
        return sorted().get(0);
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
