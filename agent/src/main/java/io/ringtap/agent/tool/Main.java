package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import picocli.CommandLine;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The standalone command line of the agent jar, {@code ringtap} (never used inside the Cassandra JVM):
 * {@code java <cassandra jdk17 flags> -cp <cassandra lib/*>:<agent jar> io.ringtap.agent.tool.Main <command>},
 * which {@code ops/ringtap} runs for you. Commands: {@code status}, {@code queue dump|tail}, {@code check-config},
 * {@code kafka tail}, {@code forward}; {@code --help} on each.
 *
 * <p>Exit codes: 0 success, 1 usage error (forward: stopped by a fatal Kafka error), 2 bad input, invalid
 * configuration or no queue, 3 {@code status} found problems.
 */
public final class Main {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: bad usage (unknown command or option, missing argument). */
    public static final int USAGE = 1;
    /** Exit code: bad input, invalid configuration, no queue in the directory. */
    public static final int BAD_INPUT = 2;
    /** Exit code: the command ran and found problems (status). */
    public static final int WARNING = 3;

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
        Console console = new Console(out, err, System.console() != null, Clock.systemUTC());
        return commandLine(console, new ConfigLoader()).execute(args);
    }

    static CommandLine commandLine(Console console, ConfigLoader loader) {
        CommandLine queue = new CommandLine(new QueueCommand(console))
                .addSubcommand(new QueueDumpCommand(console))
                .addSubcommand(new QueueTailCommand(console));
        CommandLine kafka = new CommandLine(new KafkaCommand(console))
                .addSubcommand(new KafkaTailCommand(console, loader));
        CommandLine cl = new CommandLine(new RootCommand(console))
                .addSubcommand(new StatusCommand(console, loader))
                .addSubcommand(queue)
                .addSubcommand(new CheckConfigCommand(console, loader))
                .addSubcommand(kafka)
                .addSubcommand(new ForwardCli(console, loader));
        cl.setOut(new PrintWriter(console.out(), true));
        cl.setErr(new PrintWriter(console.err(), true));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("ringtap: " + ex.getMessage());
            c.usage(c.getErr());
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("ringtap " + c.getCommandName() + ": " + ex);
            c.getErr().flush();
            return BAD_INPUT;
        });
        return cl;
    }

    @CommandLine.Command(name = "ringtap", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Looks at and operates the ringtap CDC agent of the Cassandra node it runs next to.%n"
                    + "Read-only except `forward`; needs no JMX and no running node.",
            synopsisSubcommandLabel = "COMMAND",
            footerHeading = "%nExamples:%n",
            footer = {"  ringtap status --config /etc/cassandra/ringtap.yaml",
                    "  ringtap queue tail --dir /var/lib/cassandra/ringtap/queue -n 20",
                    "  ringtap check-config /etc/cassandra/ringtap.yaml",
                    "  ringtap kafka tail --config /etc/cassandra/ringtap.yaml --topic 'ringtap\\..*' -f",
                    "%nRun `ringtap COMMAND --help` for a command's options."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:usage error", "2:bad input, invalid configuration or no queue",
                    "3:status found problems"})
    static final class RootCommand implements java.util.concurrent.Callable<Integer> {
        private final Console console;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        RootCommand(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(console.err());
            return USAGE;
        }
    }

    @CommandLine.Command(name = "queue", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(dump | tail)",
            description = "Reads the node's local ringtap queue (Chronicle Queue) without disturbing the agent.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:usage error", "2:no queue in the directory"})
    static final class QueueCommand implements java.util.concurrent.Callable<Integer> {
        private final Console console;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        QueueCommand(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(console.err());
            return USAGE;
        }
    }

    @CommandLine.Command(name = "kafka", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "tail",
            description = "Reads what the forwarder wrote to Kafka, using the Kafka client settings of ringtap.yaml.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:usage error", "2:invalid configuration or Kafka unreachable"})
    static final class KafkaCommand implements java.util.concurrent.Callable<Integer> {
        private final Console console;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        KafkaCommand(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(console.err());
            return USAGE;
        }
    }

    /** The agent jar's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ringtap " + (v == null ? "(development build)" : v)};
        }
    }
}
