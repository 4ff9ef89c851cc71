package io.ringtap.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, at startup, that the directories the agent writes to exist (creating them when missing) and
 * are writable, so an unusable folder disables the agent with the key to fix instead of failing later.
 */
public final class WritableDirectories {
    private WritableDirectories() {
    }

    /**
     * @param directories directory by the option key that names it (or explains its default)
     * @return one problem per unusable directory, in the map's order
     */
    public static List<ConfigProblem> check(Map<String, Path> directories) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Map.Entry<String, Path> e : directories.entrySet()) {
            Path dir = e.getValue();
            if (dir == null) {
                problems.add(new ConfigProblem(e.getKey(), "no directory: set it explicitly"));
                continue;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException ex) {
                problems.add(new ConfigProblem(e.getKey(), dir + " cannot be created (" + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")"));
                continue;
            }
            if (!Files.isDirectory(dir)) {
                problems.add(new ConfigProblem(e.getKey(), dir + " is not a directory"));
            } else if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
                problems.add(new ConfigProblem(e.getKey(), dir + " is not readable and writable by this process"));
            }
        }
        return problems;
    }
}
