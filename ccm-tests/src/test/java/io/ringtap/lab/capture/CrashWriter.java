package io.ringtap.lab.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringtap.lab.Lab;
import io.ringtap.lab.workload.ExpectedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes distinct changes to {@code <ks>.items (k int, c int, v text, n int, PRIMARY KEY (k, c))} at a few
 * statements per second, each with its own explicit timestamp, while the node may be killed under it. A statement
 * that fails is retried, unchanged, until the node acknowledges it: the client-retry case of the spec, where the
 * same change may be applied (and captured) twice with equal ids. Records the events each statement must produce.
 */
final class CrashWriter implements Runnable {
    private final Lab lab;
    private final String ks;
    private final long baseTs;
    private final Random random;
    private final List<int[]> liveRows = new ArrayList<>();
    private final List<Written> written = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** One acknowledged statement, what it must produce, and whether it had to be retried. */
    record Written(int seq, String cql, List<ExpectedEvent> expected, int attempts) {
        boolean retried() {
            return attempts > 1;
        }

        boolean produced(JsonNode event) {
            for (ExpectedEvent e : expected) {
                if (e.matches(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    CrashWriter(Lab lab, String keyspace, long baseTs, long seed) {
        this.lab = lab;
        this.ks = keyspace;
        this.baseTs = baseTs;
        this.random = new Random(seed);
    }

    String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + ks + ".items (k int, c int, v text, n int, PRIMARY KEY (k, c)) WITH cdc = true";
    }

    /** Asks the writer to finish its current statement (retrying it until acknowledged) and return. */
    void stop() {
        stopping = true;
    }

    Throwable failure() {
        return failure;
    }

    synchronized List<Written> written() {
        return List.copyOf(written);
    }

    @Override
    public void run() {
        try {
            for (int seq = 1; !stopping; seq++) {
                Written w = next(seq);
                synchronized (this) {
                    written.add(w);
                }
                Thread.sleep(150);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private Written next(int seq) throws InterruptedException {
        long ts = baseTs + seq;
        double r = random.nextDouble();
        if (liveRows.size() < 5 || r < 0.5) {
            int k = seq % 8;
            String cql = "INSERT INTO " + ks + ".items (k, c, v, n) VALUES (" + k + ", " + seq + ", 'w" + seq + "', " + seq
                    + ") USING TIMESTAMP " + ts;
            String key = "{'k':" + k + "}", ck = "{'c':" + seq + "}";
            int attempts = execute(cql);
            liveRows.add(new int[]{k, seq});
            return new Written(seq, cql, List.of(
                    ev("row", key, ck, ts, cql).build(),
                    ev("cell", key, ck, ts, cql).column("v").value("'w" + seq + "'").type("text").build(),
                    ev("cell", key, ck, ts, cql).column("n").value(Integer.toString(seq)).type("int").build()), attempts);
        }
        int[] row = liveRows.get(random.nextInt(liveRows.size()));
        String key = "{'k':" + row[0] + "}", ck = "{'c':" + row[1] + "}";
        String where = " WHERE k = " + row[0] + " AND c = " + row[1];
        if (r < 0.8) {
            String cql = "UPDATE " + ks + ".items USING TIMESTAMP " + ts + " SET v = 'u" + seq + "'" + where;
            int attempts = execute(cql);
            return new Written(seq, cql, List.of(ev("cell", key, ck, ts, cql).column("v").value("'u" + seq + "'").type("text").build()),
                    attempts);
        }
        String cql = "DELETE FROM " + ks + ".items USING TIMESTAMP " + ts + where;
        int attempts = execute(cql);
        liveRows.remove(row);
        return new Written(seq, cql, List.of(ev("row_delete", key, ck, ts, cql).build()), attempts);
    }

    private ExpectedEvent.Builder ev(String op, String key, String clustering, long ts, String cql) {
        return ExpectedEvent.of(op, ks, "items").key(key).clustering(clustering).ts(ts).statement(cql);
    }

    /** Runs the statement until the node acknowledges it (at most 3 minutes); returns the number of attempts. */
    private int execute(String cql) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                lab.session(1).execute(cql);
                return attempt;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not acknowledged within 3 minutes: " + cql, e);
                }
                Thread.sleep(300);
            }
        }
    }
}
