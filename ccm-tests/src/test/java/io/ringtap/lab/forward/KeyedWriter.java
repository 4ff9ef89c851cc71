package io.ringtap.lab.forward;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A background writer of distinct, checkable writes to {@code <ks>.t (k int, c int, v text, PRIMARY KEY (k, c))}: write
 * {@code i} is {@code INSERT (k = i % keys, c = i, v = 'v<i>') USING TIMESTAMP base + i}, so it yields exactly a
 * {@code row} and a {@code cell} event, and a client retry of it yields the very same ids. A failed write is retried
 * (same statement) until acknowledged; the writer moves on only then, and remembers which writes it retried.
 */
final class KeyedWriter implements Runnable {
    static final long BASE_TS = 1_763_900_000_000_000L;

    private final Supplier<CqlSession> session;
    private final String ks;
    private final int keys;
    private final long pauseMillis;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Set<Integer> retried = ConcurrentHashMap.newKeySet();
    private volatile Throwable died;
    private Thread thread;

    KeyedWriter(Supplier<CqlSession> session, String ks, int keys, long pauseMillis) {
        this.session = session;
        this.ks = ks;
        this.keys = keys;
        this.pauseMillis = pauseMillis;
    }

    static String ddl(String ks) {
        return "CREATE TABLE IF NOT EXISTS " + ks + ".t (k int, c int, v text, PRIMARY KEY (k, c)) WITH cdc = true";
    }

    void start() {
        thread = new Thread(this, "keyed-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the write in progress is acknowledged; returns how many writes were acknowledged. */
    int stopAndJoin() throws InterruptedException {
        stop.set(true);
        thread.join(300_000);
        if (died != null) throw new AssertionError("writer died", died);
        return acknowledged.get();
    }

    int acknowledged() { return acknowledged.get(); }

    /** Waits until {@code more} further writes are acknowledged (fails after 120 s without them). */
    void awaitMore(int more) throws InterruptedException {
        int target = acknowledged.get() + more;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (acknowledged.get() < target) {
            if (died != null) throw new AssertionError("writer died", died);
            if (System.nanoTime() > deadline) throw new AssertionError("the writer made no progress: " + acknowledged.get());
            Thread.sleep(50);
        }
    }
    int failures() { return failures.get(); }
    Set<Integer> retried() { return Set.copyOf(retried); }

    @Override
    public void run() {
        try {
            for (int i = 0; !stop.get(); i++) {
                SimpleStatement st = SimpleStatement.newInstance("INSERT INTO " + ks + ".t (k, c, v) VALUES (" + (i % keys) + ", "
                        + i + ", 'v" + i + "') USING TIMESTAMP " + (BASE_TS + i));
                while (true) {
                    try {
                        session.get().execute(st);
                        break;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        retried.add(i);
                        Thread.sleep(200);
                    }
                }
                acknowledged.incrementAndGet();
                if (pauseMillis > 0) Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            died = t;
        }
    }

    /** For every write below {@code count}, what is missing of its two events among {@code events} (empty: all there). */
    List<String> missing(int count, List<JsonNode> events) {
        boolean[] row = new boolean[count];
        boolean[] cell = new boolean[count];
        for (JsonNode e : events) {
            if (!ks.equals(e.path("keyspace").asText()) || !"t".equals(e.path("table").asText())) continue;
            int c = e.path("clustering").path("c").asInt(-1);
            if (c < 0 || c >= count || e.path("key").path("k").asInt() != c % keys || e.path("ts").asLong() != BASE_TS + c) continue;
            if ("row".equals(e.path("op").asText())) row[c] = true;
            if ("cell".equals(e.path("op").asText()) && "v".equals(e.path("column").asText())
                    && ("v" + c).equals(e.path("value").asText())) cell[c] = true;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!row[i]) out.add("row of write " + i);
            if (!cell[i]) out.add("cell v of write " + i);
        }
        return out;
    }

    /** The clustering {@code c} (= the write number) of an event of this writer's table. */
    static int writeOf(JsonNode event) {
        return event.path("clustering").path("c").asInt(-1);
    }
}
