package io.ringtap.agent.config;

import java.util.Objects;

/** One thing wrong with the configuration, tied to the option key (or {@code <file>}) it is about. */
public final class ConfigProblem {
    /** Key used for problems of the file itself (missing, unreadable, not YAML). */
    public static final String FILE = "<file>";

    private final String key;
    private final String message;

    public ConfigProblem(String key, String message) {
        this.key = Objects.requireNonNull(key);
        this.message = Objects.requireNonNull(message);
    }

    public String key() { return key; }
    public String message() { return message; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigProblem && key.equals(((ConfigProblem) o).key) && message.equals(((ConfigProblem) o).message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, message);
    }

    /** {@code key: message}. */
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
