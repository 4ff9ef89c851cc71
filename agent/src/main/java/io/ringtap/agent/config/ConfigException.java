package io.ringtap.agent.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a configuration, reported together. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ": "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they were found (file order of keys, then cross-option checks). */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
