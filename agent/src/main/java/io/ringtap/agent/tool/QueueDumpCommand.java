package io.ringtap.agent.tool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code queue dump --dir <queue-dir>} (or the older {@code queue dump <queue-dir>}). */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints every queued event as one JSON document per line (the EAV event), in queue order.",
        footerHeading = "%nExamples:%n",
        footer = {"  ringtap queue dump --dir /var/lib/cassandra/ringtap/queue > events.jsonl",
                "  ringtap queue dump /var/lib/cassandra/ringtap/queue | grep '\"table\":\"users\"'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:usage error", "2:no queue in the directory"})
final class QueueDumpCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--dir", paramLabel = "<queue-dir>", description = "The queue directory (ringtap.yaml queue.directory).")
    Path dir;

    @Parameters(arity = "0..1", paramLabel = "<queue-dir>", description = "Same as --dir (older form).")
    Path positional;

    QueueDumpCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Path d = QueueTailCommand.oneDirectory(dir, positional, console, "queue dump");
        if (d == null) {
            return Main.USAGE;
        }
        return QueueDump.run(d, console.out(), console.err());
    }
}
