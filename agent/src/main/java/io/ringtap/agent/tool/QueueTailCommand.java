package io.ringtap.agent.tool;

import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.EventQueue;
import io.ringtap.agent.queue.QueueEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/** {@code queue tail --dir <queue-dir> [-n N] [--follow]}: the last N events, then (follow) new ones as they come. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints the last N queued events (JSON, one per line); with --follow keeps printing new "
                + "ones until interrupted (Ctrl-C).",
        footerHeading = "%nExamples:%n",
        footer = {"  ringtap queue tail --dir /var/lib/cassandra/ringtap/queue",
                "  ringtap queue tail --dir /var/lib/cassandra/ringtap/queue -n 0 --follow"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:usage error", "2:no queue in the directory"})
final class QueueTailCommand implements Callable<Integer> {
    static final long FOLLOW_POLL_MS = 200;

    private final Console console;

    @Option(names = "--dir", paramLabel = "<queue-dir>", description = "The queue directory (ringtap.yaml queue.directory).")
    Path dir;

    @Parameters(arity = "0..1", paramLabel = "<queue-dir>", description = "Same as --dir.")
    Path positional;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many of the last events to print (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events as the agent queues them.")
    boolean follow;

    QueueTailCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Path d = oneDirectory(dir, positional, console, "queue tail");
        if (d == null) {
            return Main.USAGE;
        }
        if (count < 0) {
            console.err().println("ringtap queue tail: -n must be 0 or more, got " + count);
            return Main.USAGE;
        }
        if (!EventQueue.exists(d)) {
            console.err().println("ringtap: no queue in " + d + " (no .cq4 file)");
            return QueueDump.NO_QUEUE;
        }
        PrintStream out = console.out();
        try (EventQueue queue = EventQueue.openReadOnly(d);
             EventQueue.QueueReader reader = queue.reader()) {
            // one pass keeping only the last N: bounded memory whatever the queue's size
            ArrayDeque<EavEvent> last = new ArrayDeque<>();
            for (QueueEntry e = reader.next(); e != null; e = reader.next()) {
                for (EavEvent event : e.events()) {
                    if (count == 0) {
                        break;
                    }
                    if (last.size() == count) {
                        last.pollFirst();
                    }
                    last.addLast(event);
                }
            }
            for (EavEvent event : last) {
                out.println(event.json());
            }
            out.flush();
            while (follow && !Thread.currentThread().isInterrupted()) {
                QueueEntry e = reader.next();
                if (e == null) {
                    try {
                        Thread.sleep(FOLLOW_POLL_MS);
                    } catch (InterruptedException stop) {
                        // being told to stop is how --follow ends: not an error
                        Thread.currentThread().interrupt();
                        break;
                    }
                    continue;
                }
                for (EavEvent event : e.events()) {
                    out.println(event.json());
                }
                out.flush();
            }
        }
        return Main.OK;
    }

    /** The directory given either as --dir or positionally; null (message printed) when none or both. */
    static Path oneDirectory(Path option, Path positional, Console console, String command) {
        if (option != null && positional != null && !option.equals(positional)) {
            console.err().println("ringtap " + command + ": give the queue directory once (--dir or positionally)");
            return null;
        }
        Path d = option != null ? option : positional;
        if (d == null) {
            console.err().println("ringtap " + command + ": missing the queue directory: --dir <queue-dir>");
        }
        return d;
    }
}
