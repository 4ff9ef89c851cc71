package io.ringtap.agent.tool;

import io.ringtap.agent.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code forward <ringtap.yaml>}: see {@link ForwardCommand}. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Runs the forwarder as a process of its own on the node's queue, until SIGTERM.",
                "The node must run with forward.enabled: false (else both forwarders fence each other)."},
        footerHeading = "%nExamples:%n",
        footer = "  ringtap forward /etc/cassandra/ringtap.yaml",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped on request", "1:usage error, or stopped by a fatal Kafka error",
                "2:invalid configuration, no host id or no queue"})
final class ForwardCli implements Callable<Integer> {
    private final Console console;
    private final ConfigLoader loader;

    @Parameters(index = "0", paramLabel = "<ringtap.yaml>", description = "The node's agent configuration.")
    Path config;

    ForwardCli(Console console, ConfigLoader loader) {
        this.console = console;
        this.loader = loader;
    }

    @Override
    public Integer call() {
        try {
            return ForwardCommand.run(config, loader, console.err());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }
}
