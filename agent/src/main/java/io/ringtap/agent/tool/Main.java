package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The standalone command line of the agent jar (never used inside the Cassandra JVM):
 * {@code java <cassandra jdk17 flags> -cp <cassandra runtime classpath>:<agent jar> io.ringtap.agent.tool.Main
 * queue dump <queue-dir>}, or {@code ... Main forward <ringtap.yaml>} (the forwarder as its own process,
 * until SIGTERM).
 *
 * <p>Exit codes: 0 success (or forwarder stopped on request), 1 usage error (forward: stopped by a fatal
 * Kafka error), 2 no queue in the given directory or invalid configuration (every problem on stderr).
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
        if (args.length == 2 && "forward".equals(args[0])) {
            try {
                return ForwardCommand.run(java.nio.file.Paths.get(args[1]), new ConfigLoader(), err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        err.println("usage: queue dump <queue-dir> | forward <ringtap.yaml>    (got: " + Arrays.toString(args) + ")");
        return 1;
    }
}
