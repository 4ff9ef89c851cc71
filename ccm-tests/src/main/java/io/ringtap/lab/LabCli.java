package io.ringtap.lab;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ops/lab}: drives the lab like ccm. Exit codes: 0 done, 1 the operation failed, 2 usage error,
 * 3 an agent reported {@code ringtap agent disabled:}. Errors are one line on stderr.
 */
public final class LabCli {
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int AGENT_DISABLED = 3;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: ops/lab <verb> [args]",
            "  up [--nodes N] [--no-agent] [--sync periodic|group|batch] [--no-kafka] [--agent-wait auto|yes|no]",
            "  create [same options as up]      create the lab folder without starting anything",
            "  env | status",
            "  start|stop|kill|restart <nodeN|kafka>",
            "  wait-ready [nodeN|kafka]",
            "  forwarder start|stop|kill|restart <nodeN>   the node's forwarder as a separate process",
            "                                   (the node's ringtap.yaml should say forward.enabled: false)",
            "  nodetool <nodeN> <args...>",
            "  cql <nodeN> [--consistency LEVEL] \"<statement>\"",
            "  queue <nodeN>                    events in the node's local ringtap queue (JSON lines)",
            "  topic <regex> [--min N] [--timeout S]   committed (read_committed) record values (JSON lines)",
            "  down [--clean] | remove",
            "LAB_DIR overrides the lab folder (default <repo>/.lab); RINGTAP_LAB_NET the net (default 127.0.0).");

    private LabCli() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (UsageException e) {
            System.err.println("ops/lab: " + e.getMessage());
            System.err.println(USAGE_TEXT);
            code = USAGE;
        } catch (LabException e) {
            System.err.println("ops/lab: " + e.getMessage());
            code = FAILED;
        } catch (RuntimeException e) {
            System.err.println("ops/lab: " + e);
            code = FAILED;
        }
        System.out.flush();
        // the driver and Kafka clients keep non-daemon threads; the verb is done
        System.exit(code);
    }

    static int run(String[] argv) {
        if (argv.length == 0) {
            throw new UsageException("missing verb");
        }
        List<String> args = new ArrayList<>(Arrays.asList(argv).subList(1, argv.length));
        LabRuntime runtime = LabRuntime.locate();
        Path dir = Lab.defaultDir(runtime);
        switch (argv[0]) {
            case "up": return up(runtime, dir, args, true);
            case "create": return up(runtime, dir, args, false);
            case "env": return env(Lab.open(runtime, dir, false));
            case "status": return status(Lab.open(runtime, dir, false));
            case "start": case "stop": case "kill": case "restart":
                return lifecycle(Lab.open(runtime, dir, false), argv[0], single(args, argv[0]));
            case "forwarder": return forwarder(Lab.open(runtime, dir, false), args);
            case "wait-ready": return waitReady(Lab.open(runtime, dir, false), args);
            case "nodetool": return nodetool(Lab.open(runtime, dir, false), args);
            case "cql": return cql(Lab.open(runtime, dir, false), args);
            case "queue": return queue(Lab.open(runtime, dir, false), single(args, "queue"));
            case "topic": return topic(Lab.open(runtime, dir, false), args);
            case "down": return down(runtime, dir, args);
            case "remove": return down(runtime, dir, List.of("--clean"));
            case "help": case "-h": case "--help":
                System.out.println(USAGE_TEXT);
                return 0;
            default: throw new UsageException("unknown verb '" + argv[0] + "'");
        }
    }

    private static int up(LabRuntime runtime, Path dir, List<String> args, boolean start) {
        LabSettings settings = LabSettings.defaults();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--nodes": settings = settings.withNodes(parseInt(value(args, ++i, "--nodes"))); break;
                case "--no-agent": settings = settings.withAgent(false); break;
                case "--no-kafka": settings = settings.withKafka(false); break;
                case "--sync": settings = settings.withSync(SyncMode.parse(value(args, ++i, "--sync"))); break;
                case "--agent-wait": settings = settings.withAgentWait(AgentWait.parse(value(args, ++i, "--agent-wait"))); break;
                default: throw new UsageException("unknown option '" + args.get(i) + "'");
            }
        }
        Lab lab;
        if (Lab.exists(dir)) {
            lab = Lab.open(runtime, dir, false);
            if (!lab.settings().equals(settings)) {
                System.err.println("ops/lab: using the existing lab in " + dir + " (" + describe(lab.settings())
                        + "); run 'ops/lab down --clean' to change its shape");
            }
        } else {
            lab = Lab.create(runtime, dir, settings, false);
        }
        if (!start) {
            return 0;
        }
        long t0 = System.nanoTime();
        Map<String, Readiness> ready = lab.up();
        int code = 0;
        for (Map.Entry<String, Readiness> e : ready.entrySet()) {
            if (e.getValue().agent() == Readiness.Agent.DISABLED) {
                System.err.println("ops/lab: " + e.getKey() + ": " + e.getValue().agentLine());
                code = AGENT_DISABLED;
            }
        }
        System.err.printf(Locale.ROOT, "ops/lab: lab up in %.1f s (%s) in %s%n", (System.nanoTime() - t0) / 1e9,
                describe(lab.settings()), lab.dir());
        return code;
    }

    private static String describe(LabSettings s) {
        return s.nodes() + " node(s), " + (s.agent() ? "agent" : "no agent") + ", sync " + s.sync()
                + (s.kafka() ? ", kafka" : ", no kafka") + ", net " + s.net();
    }

    private static int env(Lab lab) {
        System.out.println("CASSANDRA_CONTACT_POINTS=" + lab.contactPoints());
        System.out.println("KAFKA_BOOTSTRAP=" + lab.kafkaBootstrap());
        System.out.println("LAB_DIR=" + lab.dir());
        return 0;
    }

    private static int status(Lab lab) {
        String format = "%-7s %-16s %-8s %-5s %s%n";
        System.out.printf(format, "NAME", "ADDRESS", "PID", "STATE", "READY");
        for (CassandraNode n : lab.nodes()) {
            boolean up = n.isRunning();
            System.out.printf(format, n.name(), n.address() + ":9042", n.pid().map(String::valueOf).orElse("-"),
                    up ? "up" : "down", up && n.isCqlPortOpen() ? "cql" : "-");
        }
        if (lab.hasKafka()) {
            KafkaBroker k = lab.kafka();
            boolean up = k.isRunning();
            System.out.printf(format, k.name(), k.bootstrap(), k.pid().map(String::valueOf).orElse("-"),
                    up ? "up" : "down", up && portOpen(lab.settings().address(1), 9092) ? "kafka" : "-");
        }
        return 0;
    }

    private static boolean portOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int lifecycle(Lab lab, String verb, String target) {
        if (target.equals("kafka")) {
            KafkaBroker k = lab.kafka();
            switch (verb) {
                case "start": k.start(); break;
                case "stop": k.stop(); break;
                case "kill": k.kill(); break;
                default: k.restart(); break;
            }
            return 0;
        }
        CassandraNode n = lab.node(target);
        Readiness r = null;
        switch (verb) {
            case "start": r = n.start(); break;
            case "stop": n.stop(); break;
            case "kill": n.kill(); break;
            default: r = n.restart(); break;
        }
        return report(n, r);
    }

    private static int forwarder(Lab lab, List<String> args) {
        if (args.size() != 2 || !List.of("start", "stop", "kill", "restart").contains(args.get(0))) {
            throw new UsageException("forwarder takes start|stop|kill|restart and a node");
        }
        StandaloneForwarder f = lab.forwarder(lab.node(args.get(1)).index());
        switch (args.get(0)) {
            case "start": f.start(); break;
            case "stop": f.stop(); break;
            case "kill": f.kill(); break;
            default: f.restart(); break;
        }
        return 0;
    }

    private static int report(CassandraNode n, Readiness r) {
        if (r != null && r.agent() == Readiness.Agent.DISABLED) {
            System.err.println("ops/lab: " + n.name() + ": " + r.agentLine());
            return AGENT_DISABLED;
        }
        return 0;
    }

    private static int waitReady(Lab lab, List<String> args) {
        int code = 0;
        if (args.isEmpty() || args.contains("kafka")) {
            if (lab.hasKafka()) {
                lab.kafka().awaitReady();
            }
        }
        for (CassandraNode n : lab.nodes()) {
            if (args.isEmpty() || args.contains(n.name())) {
                code = Math.max(code, report(n, n.awaitReady()));
            }
        }
        return code;
    }

    private static int nodetool(Lab lab, List<String> args) {
        if (args.size() < 2) {
            throw new UsageException("nodetool needs a node and nodetool arguments");
        }
        CassandraNode n = lab.node(args.get(0));
        requireRunning(n);
        return lab.nodetool().runInForeground(n, args.subList(1, args.size()));
    }

    private static int cql(Lab lab, List<String> args) {
        if (args.size() < 2) {
            throw new UsageException("cql needs a node and one statement");
        }
        CassandraNode n = lab.node(args.get(0));
        ConsistencyLevel consistency = null;
        int i = 1;
        if (args.get(i).equals("--consistency")) {
            consistency = DefaultConsistencyLevel.valueOf(value(args, ++i, "--consistency").toUpperCase(Locale.ROOT));
            i++;
        }
        if (i != args.size() - 1) {
            throw new UsageException("cql takes exactly one statement (quote it)");
        }
        requireRunning(n);
        SimpleStatement statement = SimpleStatement.newInstance(Cql.asJsonSelect(args.get(i)));
        if (consistency != null) {
            statement = statement.setConsistencyLevel(consistency);
        }
        ResultSet rs = lab.session(n.index()).execute(statement);
        Cql.jsonLines(rs).forEach(System.out::println);
        return 0;
    }

    private static int queue(Lab lab, String target) {
        CassandraNode n = lab.node(target);
        LabRuntime runtime = lab.runtime();
        String tool = "io.ringtap.agent.tool.Main";
        if (!runtime.agentHasClass(tool)) {
            throw new LabException("the agent jar " + runtime.agentJar() + " has no queue dump tool (" + tool + ") yet");
        }
        if (!Files.isDirectory(n.queueDir())) {
            throw new LabException(n.name() + " has no ringtap queue at " + n.queueDir());
        }
        List<String> cmd = new ArrayList<>(runtime.cassandraJvmFlags());
        cmd.add("-Dlogback.configurationFile=" + runtime.template("logback-tools.xml"));
        cmd.add("-cp");
        cmd.add(runtime.cassandraClasspath() + ":" + runtime.agentJar());
        cmd.addAll(List.of(tool, "queue", "dump", n.queueDir().toString()));
        return JvmProcess.runInForeground(cmd, Duration.ofMinutes(10));
    }

    /** {@code topic <regex> [--min N] [--timeout S]}: committed record values of the matching topics, as JSON lines. */
    private static int topic(Lab lab, List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("topic needs a topic name or regular expression");
        }
        int min = 1;
        int timeout = 60;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--min": min = parseInt(value(args, ++i, "--min")); break;
                case "--timeout": timeout = parseInt(value(args, ++i, "--timeout")); break;
                default: throw new UsageException("unknown option '" + args.get(i) + "'");
            }
        }
        List<TopicReader.Record> records = TopicReader.readAll(lab.kafkaBootstrap(),
                java.util.regex.Pattern.compile(args.get(0)), min, Duration.ofSeconds(2), Duration.ofSeconds(timeout));
        for (TopicReader.Record r : records) {
            System.out.println(r.value);
        }
        if (records.size() < min) {
            throw new LabException("only " + records.size() + " of at least " + min + " records arrived in "
                    + timeout + " s on topics matching " + args.get(0));
        }
        return 0;
    }

    private static int down(LabRuntime runtime, Path dir, List<String> args) {
        boolean clean = false;
        for (String a : args) {
            if (!a.equals("--clean")) {
                throw new UsageException("unknown option '" + a + "'");
            }
            clean = true;
        }
        if (!Lab.exists(dir)) {
            if (clean) {
                Lab.deleteTree(dir);
            }
            System.err.println("ops/lab: no lab in " + dir);
            return 0;
        }
        Lab.open(runtime, dir, false).down(clean);
        return 0;
    }

    private static void requireRunning(CassandraNode n) {
        if (!n.isRunning()) {
            throw new LabException(n.name() + " is not running");
        }
    }

    private static String single(List<String> args, String verb) {
        if (args.size() != 1) {
            throw new UsageException(verb + " takes exactly one target (nodeN or kafka)");
        }
        return args.get(0);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + s);
        }
    }

    /** A mistake in the command line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
