package io.ringtap.triggers;

import java.util.Locale;

/**
 * What the trigger does with a write it cannot capture ({@code triggers.on-missing-agent}): the agent is
 * not running in this JVM, the table is a counter table, the queue is full, or the update cannot be decoded.
 *
 * <p>Where the setting comes from, first match wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY} of the Cassandra JVM (e.g. in {@code jvm-server.options}):
 *       the only source when the agent is not installed or has no valid config;</li>
 *   <li>{@code triggers.on-missing-agent} in the agent's {@code ringtap.yaml}, once the agent loaded it;</li>
 *   <li>{@link #FAIL}.</li>
 * </ol>
 * An unknown property value counts as {@link #FAIL} (the safe reading of a typo).
 */
public enum OnMissingAgent {
    /** The write fails with {@code InvalidRequestException} naming the reason. */
    FAIL("fail"),
    /** The write goes through uncaptured, with an ERROR (rate-limited) and metric {@code TriggerWritesUncaptured}. */
    SKIP_WITH_ERROR("skip-with-error");

    /** The JVM system property that sets the behaviour whatever the agent's state. */
    public static final String PROPERTY = "ringtap.triggers.on-missing-agent";

    private final String value;

    OnMissingAgent(String value) {
        this.value = value;
    }

    /** The setting's text, as in the config file. */
    public String value() {
        return value;
    }

    /**
     * The effective setting.
     *
     * @param property   the system property's value, or {@code null}
     * @param configured the agent's configured value, or {@code null} when no agent loaded a config
     */
    public static OnMissingAgent resolve(String property, String configured) {
        if (property != null && !property.trim().isEmpty()) {
            return parse(property);
        }
        if (configured != null) {
            return parse(configured);
        }
        return FAIL;
    }

    private static OnMissingAgent parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return SKIP_WITH_ERROR.value.equals(t) ? SKIP_WITH_ERROR : FAIL;
    }
}
