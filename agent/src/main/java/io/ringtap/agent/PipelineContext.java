package io.ringtap.agent;

import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.metrics.RingtapMetrics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link ComponentFactory} may use: the validated config, the node's facts, the metrics,
 * the directories resolved from both, and the objects earlier components shared.
 */
public final class PipelineContext {
    private final RingtapConfig config;
    private final NodeFacts node;
    private final RingtapMetrics metrics;
    private final Map<Class<?>, Object> shared = new LinkedHashMap<>();

    public PipelineContext(RingtapConfig config, NodeFacts node, RingtapMetrics metrics) {
        this.config = Objects.requireNonNull(config);
        this.node = Objects.requireNonNull(node);
        this.metrics = Objects.requireNonNull(metrics);
    }

    public RingtapConfig config() { return config; }
    public NodeFacts node() { return node; }
    /** Components take the narrow interface they report through (CaptureMetrics, QueueMetrics, ForwardMetrics). */
    public RingtapMetrics metrics() { return metrics; }

    /** capture.cdc-raw-directory, else the node's cdc_raw_directory; {@code null} when neither is known. */
    public Path cdcRawDirectory() {
        return config.cdcRawDirectory().orElse(node.cdcRawDirectory());
    }

    /** capture.quarantine-directory, else {@code ringtap-quarantine} next to the cdc_raw directory. */
    public Path quarantineDirectory() {
        Optional<Path> configured = config.quarantineDirectory();
        if (configured.isPresent()) {
            return configured.get();
        }
        Path cdcRaw = cdcRawDirectory();
        return cdcRaw == null || cdcRaw.getParent() == null ? null : cdcRaw.resolveSibling("ringtap-quarantine");
    }

    /** Makes {@code instance} available to later factories under {@code type}. */
    public synchronized <T> void share(Class<T> type, T instance) {
        if (shared.putIfAbsent(type, Objects.requireNonNull(instance)) != null) {
            throw new IllegalStateException(type.getName() + " is already shared");
        }
    }

    /** What an earlier factory shared under {@code type}. */
    public synchronized <T> T shared(Class<T> type) {
        Object o = shared.get(type);
        if (o == null) {
            throw new IllegalStateException("no " + type.getName() + " shared by an earlier component");
        }
        return type.cast(o);
    }
}
