package io.ringtap.agent.tool;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The standalone command line of the agent jar (never used inside the Cassandra JVM):
 * {@code java <cassandra jdk17 flags> -cp <cassandra runtime classpath>:<agent jar> io.ringtap.agent.tool.Main
 * queue dump <queue-dir>}.
 *
 * <p>Exit codes: 0 success, 1 usage error, 2 no queue in the given directory.
 */
public final class Main {
    /** Logs go to stderr at WARN so stdout carries only the data. */
    private static final String LOGBACK_CONFIG = "ringtap-tool-logback.xml";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        // JSON is UTF-8 whatever the platform charset (JDK 17 still derives it from the locale)
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs a command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 3 && "queue".equals(args[0]) && "dump".equals(args[1])) {
            return QueueDump.run(java.nio.file.Paths.get(args[2]), out, err);
        }
        err.println("usage: queue dump <queue-dir>    (got: " + Arrays.toString(args) + ")");
        return 1;
    }
}
