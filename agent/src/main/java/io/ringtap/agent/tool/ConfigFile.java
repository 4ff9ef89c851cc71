package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigException;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.ConfigProblem;
import io.ringtap.agent.config.RingtapConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a ringtap.yaml for a command, reporting every problem (each naming its key) on stderr. */
final class ConfigFile {
    private ConfigFile() {
    }

    /** The valid configuration, or empty after printing {@code ringtap <command>: invalid configuration ...}. */
    static Optional<RingtapConfig> load(ConfigLoader loader, Path file, String command, PrintStream err) {
        try {
            return Optional.of(loader.load(file));
        } catch (ConfigException e) {
            err.println("ringtap " + command + ": invalid configuration " + file + ", " + e.problems().size()
                    + " problem(s):");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            return Optional.empty();
        }
    }
}
