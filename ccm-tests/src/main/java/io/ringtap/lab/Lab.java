package io.ringtap.lab;

import com.datastax.oss.driver.api.core.CqlSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lab: Cassandra nodes {@code node1..nodeN} on {@code <net>.1..N} and optionally a Kafka broker on
 * {@code <net>.1:9092}, all under one folder. The same class backs {@code ops/lab} and the JUnit extension.
 */
public final class Lab implements AutoCloseable {
    private static final String SETTINGS_FILE = "lab.properties";

    private final LabRuntime runtime;
    private final LabSettings settings;
    private final Path dir;
    private final boolean killOnExit;
    private final List<CassandraNode> nodes = new ArrayList<>();
    private final List<KafkaBroker> extraBrokers = new ArrayList<>();
    private final KafkaBroker kafka;
    private final Nodetool nodetool;
    private final Map<Integer, PinnedSession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, StandaloneForwarder> forwarders = new ConcurrentHashMap<>();

    /** A cached session and the node process it was opened against. */
    private record PinnedSession(CqlSession session, Long pid) {
    }

    private Lab(LabRuntime runtime, LabSettings settings, Path dir, boolean killOnExit) {
        this.runtime = runtime;
        this.settings = settings;
        this.dir = dir.toAbsolutePath().normalize();
        this.killOnExit = killOnExit;
        for (int i = 1; i <= settings.nodes(); i++) {
            nodes.add(new CassandraNode(runtime, settings, this.dir, i, killOnExit));
        }
        this.kafka = settings.kafka() ? new KafkaBroker(runtime, settings, this.dir, killOnExit) : null;
        this.nodetool = new Nodetool(runtime);
    }

    /** Default lab folder: env {@code LAB_DIR}, else {@code <repo>/.lab}. */
    public static Path defaultDir(LabRuntime runtime) {
        String env = System.getenv("LAB_DIR");
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : runtime.repoRoot().resolve(".lab");
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(SETTINGS_FILE));
    }

    /** Opens the lab already created in {@code dir}. */
    public static Lab open(LabRuntime runtime, Path dir, boolean killOnExit) {
        if (!exists(dir)) {
            throw new LabException("no lab in " + dir + " (run: ops/lab up)");
        }
        return new Lab(runtime, LabSettings.load(dir.resolve(SETTINGS_FILE)), dir, killOnExit);
    }

    /** Creates the folders and confs of a new lab in {@code dir} (nothing is started). Fails if a lab is there. */
    public static Lab create(LabRuntime runtime, Path dir, LabSettings settings, boolean killOnExit) {
        if (exists(dir)) {
            throw new LabException("a lab already exists in " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LabException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Lab lab = new Lab(runtime, settings, dir, killOnExit);
        lab.nodes.forEach(CassandraNode::create);
        settings.save(dir.resolve(SETTINGS_FILE));
        return lab;
    }

    /**
     * Kills whatever a previous lab in {@code dir} left running (e.g. after a crashed test JVM) and deletes the
     * folder, so a test lab always starts from nothing.
     */
    public static void wipe(LabRuntime runtime, Path dir) {
        if (exists(dir)) {
            Lab old = open(runtime, dir, false);
            old.killAll();
        }
        deleteTree(dir);
    }

    public LabSettings settings() {
        return settings;
    }

    public Path dir() {
        return dir;
    }

    public List<CassandraNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code n}, 1-based. */
    public CassandraNode node(int n) {
        if (n < 1 || n > nodes.size()) {
            throw new LabException("no node" + n + " in this lab (nodes: 1.." + nodes.size() + ")");
        }
        return nodes.get(n - 1);
    }

    public CassandraNode node(String name) {
        if (!name.matches("node\\d+")) {
            throw new LabException("unknown target '" + name + "' (nodeN or kafka)");
        }
        return node(Integer.parseInt(name.substring(4)));
    }

    /** The separate forwarder process of node {@code n} (started only on request; see {@link StandaloneForwarder}). */
    public StandaloneForwarder forwarder(int n) {
        CassandraNode node = node(n);
        return forwarders.computeIfAbsent(n, i -> new StandaloneForwarder(runtime, node, killOnExit));
    }

    public KafkaBroker kafka() {
        if (kafka == null) {
            throw new LabException("this lab has no Kafka broker");
        }
        return kafka;
    }

    /**
     * Creates and starts broker-only node {@code nodeId} (2 or more) in the lab broker's cluster, on
     * {@code <net>.1:9092+2(nodeId-1)}; it is stopped and killed with the lab.
     */
    public KafkaBroker addBroker(int nodeId) {
        KafkaBroker broker = KafkaBroker.brokerOnly(runtime, settings, dir, killOnExit, nodeId, kafka());
        if (!broker.isCreated()) {
            broker.create();
        }
        broker.start();
        extraBrokers.add(broker);
        return broker;
    }

    public boolean hasKafka() {
        return kafka != null;
    }

    public Nodetool nodetool() {
        return nodetool;
    }

    public LabRuntime runtime() {
        return runtime;
    }

    /** {@code 127.0.0.1:9042,127.0.0.2:9042,...} */
    public String contactPoints() {
        return nodes.stream().map(n -> n.address() + ":9042").collect(Collectors.joining(","));
    }

    public String kafkaBootstrap() {
        return settings.kafkaBootstrap();
    }

    /**
     * A session (cached) whose only coordinator is node {@code n}. After the node was restarted a fresh session is
     * opened, rather than waiting for the old one's reconnection backoff.
     */
    public CqlSession session(int n) {
        Long pid = node(n).pid().orElse(null);
        PinnedSession cached = sessions.get(n);
        if (cached != null && cached.pid() != null && !cached.pid().equals(pid) && pid != null) {
            sessions.remove(n);
            closeQuietly(cached.session());
            cached = null;
        }
        if (cached == null) {
            cached = new PinnedSession(Cql.session(node(n).cqlAddress(), CassandraNode.DATACENTER, Duration.ofSeconds(30)), pid);
            sessions.put(n, cached);
        }
        return cached.session();
    }

    /**
     * Starts everything that is not running -- the broker (formatting it first if new) and every node, all in
     * parallel -- and waits until each is ready. Returns each node's readiness, by node name.
     */
    public Map<String, Readiness> up() {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() + 1, r -> {
            Thread t = new Thread(r, "ringtap-lab-up");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            if (kafka != null && !kafka.isRunning()) {
                pending.add(pool.submit(() -> {
                    if (!kafka.isCreated()) {
                        kafka.create();
                    }
                    kafka.start();
                    return null;
                }));
            }
            Map<String, Future<Readiness>> ready = new LinkedHashMap<>();
            for (CassandraNode node : nodes) {
                boolean wasRunning = node.isRunning();
                if (!wasRunning) {
                    node.launch();
                }
                ready.put(node.name(), pool.submit(node::awaitReady));
            }
            for (Future<?> f : pending) {
                get(f);
            }
            Map<String, Readiness> result = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Readiness>> e : ready.entrySet()) {
                result.put(e.getKey(), get(e.getValue()));
            }
            awaitRing();
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until every running node lists all other nodes in system.peers and all report the same schema version.
     * Nodes start in parallel as seeds and find each other by gossip, so "each node accepts CQL" is not yet a ring;
     * tests also call this after DDL, before using the new schema through another node.
     */
    public void awaitRing() {
        // 180 s: three nodes agreeing on schema took over 120 s once on a loaded 2-core machine
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                java.util.Set<Object> versions = new java.util.HashSet<>();
                boolean complete = true;
                for (CassandraNode n : nodes) {
                    if (!n.isRunning()) {
                        continue;
                    }
                    CqlSession s = session(n.index());
                    versions.add(s.execute("SELECT schema_version FROM system.local").one().getUuid(0));
                    int peers = 0;
                    for (var row : s.execute("SELECT peer, schema_version FROM system.peers")) {
                        peers++;
                        versions.add(row.getUuid("schema_version"));
                    }
                    complete &= peers == nodes.size() - 1;
                }
                if (complete && versions.size() <= 1) {
                    return;
                }
                last = complete ? "schema versions " + versions : "some node does not know all peers yet";
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            CassandraNode.sleep(500);
        }
        throw new LabException("the ring did not settle within 180 s: " + last);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LabException le) {
                throw le;
            }
            throw new LabException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    /** Stops every node gracefully (in parallel), then the broker; with {@code clean}, deletes the lab folder. */
    public void down(boolean clean) {
        closeSessions();
        nodes.forEach(n -> forwarder(n.index()).stop());
        nodes.parallelStream().forEach(CassandraNode::stop);
        extraBrokers.forEach(KafkaBroker::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (clean) {
            deleteTree(dir);
        }
    }

    /** SIGKILLs every process of the lab (fast teardown). */
    public void killAll() {
        closeSessions();
        nodes.forEach(n -> forwarder(n.index()).kill());
        nodes.parallelStream().forEach(CassandraNode::kill);
        extraBrokers.forEach(KafkaBroker::kill);
        if (kafka != null) {
            kafka.kill();
        }
    }

    private void closeSessions() {
        sessions.values().forEach(s -> closeQuietly(s.session()));
        sessions.clear();
    }

    private static void closeQuietly(CqlSession s) {
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // closing a session to a dead node may complain; nothing to do
        }
    }

    /** Tests: kill everything this lab started. The CLI never closes a lab (its processes outlive it). */
    @Override
    public void close() {
        if (killOnExit) {
            killAll();
        } else {
            closeSessions();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LabException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
