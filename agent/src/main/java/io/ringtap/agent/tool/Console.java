package io.ringtap.agent.tool;

import java.io.PrintStream;
import java.time.Clock;

/** Where a command writes (stdout: data, stderr: messages and progress) and what time it is. */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final Clock clock;

    Console(PrintStream out, PrintStream err, boolean interactive, Clock clock) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.clock = clock;
    }

    PrintStream out() { return out; }
    PrintStream err() { return err; }
    /** Whether a terminal is attached (progress lines only then). */
    boolean interactive() { return interactive; }
    Clock clock() { return clock; }
}
