package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.Option;
import io.ringtap.agent.config.RingtapConfig;
import io.ringtap.agent.config.RingtapOptions;
import io.ringtap.agent.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Optional;

/** {@code check-config <ringtap.yaml>}: the agent's own loader and checks, run before a restart. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Checks a ringtap.yaml with the agent's own loader: keys, types, values, required options.",
                "Not checked here: that the directories are writable by Cassandra's user (the agent checks that at start).",
                "Valid: prints the effective configuration, defaults included, secrets masked (stdout).",
                "Invalid: prints every problem, naming its key (stderr)."},
        footerHeading = "%nExamples:%n",
        footer = "  ringtap check-config /etc/cassandra/ringtap.yaml",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:usage error", "2:invalid (every problem listed)"})
final class CheckConfigCommand implements Callable<Integer> {
    private final Console console;
    private final ConfigLoader loader;

    @Parameters(index = "0", paramLabel = "<ringtap.yaml>", description = "The agent configuration to check.")
    Path file;

    CheckConfigCommand(Console console, ConfigLoader loader) {
        this.console = console;
        this.loader = loader;
    }

    @Override
    public Integer call() {
        Optional<RingtapConfig> loaded = ConfigFile.load(loader, file, "check-config", console.err());
        if (!loaded.isPresent()) {
            return Main.BAD_INPUT;
        }
        RingtapConfig config = loaded.get();
        PrintStream out = console.out();
        out.println("# " + file + ": valid; effective configuration (secrets masked)");
        for (Option o : RingtapOptions.all()) {
            Object value = config.get(o);
            if (value == null && o.key().startsWith(RingtapOptions.KAFKA_PREFIX)) {
                continue;
            }
            out.println(o.key() + ": " + (value == null ? "(derived at startup)" : Secrets.show(o.key(), value)));
        }
        for (Map.Entry<String, String> e : config.kafkaProperties().entrySet()) {
            String key = RingtapOptions.KAFKA_PREFIX + e.getKey();
            if (RingtapOptions.find(key) == null) {
                out.println(key + ": " + Secrets.show(key, e.getValue()));
            }
        }
        out.flush();
        return Main.OK;
    }
}
