package io.ringtap.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A detached JVM (node or broker) known by its pid file, so a later CLI invocation can stop or kill it.
 * A pid only counts as ours while its command line still carries {@code marker} (guards against pid reuse).
 */
final class JvmProcess {
    private static final Set<ProcessHandle> KILL_ON_EXIT = ConcurrentHashMap.newKeySet();
    private static final Path SETSID = Paths.get("/usr/bin/setsid");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JvmProcess::killAllOwned, "ringtap-lab-reaper"));
    }

    private final String name;
    private final Path pidFile;
    private final Path logDir;
    private final String marker;

    JvmProcess(String name, Path pidFile, Path logDir, String marker) {
        this.name = name;
        this.pidFile = pidFile;
        this.logDir = logDir;
        this.marker = marker;
    }

    /**
     * Launches {@code java <args>} in its own session (a Ctrl-C of the CLI does not reach it), stdout/stderr to
     * {@code <logDir>/<name>.out|.err}. With {@code killOnExit} this JVM kills it when it exits (tests).
     */
    long launch(List<String> args, boolean killOnExit) {
        Optional<ProcessHandle> running = handle();
        if (running.isPresent()) {
            throw new LabException(name + " is already running (pid " + running.get().pid() + ")");
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(LabRuntime.javaExecutable());
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".out").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".err").toFile()))
                    .start();
            if (killOnExit) {
                KILL_ON_EXIT.add(p.toHandle());
            }
            Files.writeString(pidFile, Long.toString(p.pid()));
            return p.pid();
        } catch (IOException e) {
            throw new LabException("cannot launch " + name + ": " + e.getMessage(), e);
        }
    }

    /** The live process of this pid file, if any. */
    Optional<ProcessHandle> handle() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    private boolean isOurs(ProcessHandle h) {
        Optional<String> cmd = h.info().commandLine();
        return cmd.isEmpty() || cmd.get().contains(marker);
    }

    boolean isRunning() {
        return handle().isPresent();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true if it exited within the grace period. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> h = handle();
        if (h.isEmpty()) {
            return true;
        }
        h.get().destroy();
        if (awaitExit(h.get(), grace)) {
            return true;
        }
        kill();
        return false;
    }

    /** SIGKILL and wait until the process is gone. */
    void kill() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            if (!awaitExit(h, Duration.ofSeconds(30))) {
                throw new LabException(name + " (pid " + h.pid() + ") survived SIGKILL for 30 s");
            }
        });
    }

    private static boolean awaitExit(ProcessHandle h, Duration timeout) {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    /** Runs {@code java <args>} to completion; output goes to this JVM's stdout/stderr. Returns the exit code. */
    static int runInForeground(List<String> args, Duration timeout) {
        return runJava(args, ProcessBuilder::inheritIO, timeout,
                String.join(" ", args.subList(Math.max(0, args.size() - 4), args.size())));
    }

    /** Like {@link #runInForeground} but captures stdout+stderr into {@code output} (for tools whose chatter we hide). */
    static int runCaptured(List<String> args, Path output, Duration timeout) {
        createParent(output);
        return runJava(args, pb -> pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(output.toFile())),
                timeout, "see " + output);
    }

    /** Runs {@code java <args>} to completion, stdout to {@code stdout} and stderr to {@code stderr}. Returns the exit code. */
    static int runToFiles(List<String> args, Path stdout, Path stderr, Duration timeout) {
        createParent(stdout);
        createParent(stderr);
        return runJava(args, pb -> pb.redirectOutput(ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())), timeout, "see " + stderr);
    }

    private static int runJava(List<String> args, Consumer<ProcessBuilder> io, Duration timeout,
                               String onTimeout) {
        List<String> command = new ArrayList<>();
        command.add(LabRuntime.javaExecutable());
        command.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            io.accept(pb);
            Process p = pb.start();
            KILL_ON_EXIT.add(p.toHandle());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LabException("timed out after " + timeout.toSeconds() + " s: " + onTimeout);
            }
            KILL_ON_EXIT.remove(p.toHandle());
            return p.exitValue();
        } catch (IOException e) {
            throw new LabException("cannot run java: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    private static void createParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new LabException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void killAllOwned() {
        for (ProcessHandle h : KILL_ON_EXIT) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : KILL_ON_EXIT) {
            awaitExit(h, Duration.ofSeconds(10));
        }
    }
}
