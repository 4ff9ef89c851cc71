package io.ringtap.bench.capture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The corpus's mixed workload on keyspace {@code bench} (every table {@code cdc = true}): documents with
 * kilobyte bodies, sets and maps (inserts, TTL inserts, body updates, element adds and deletes); time series
 * written as unlogged single-partition batches (row and range deletes); profiles with lists, maps, tuples
 * (cell updates, cell deletes, partition deletes); orders with a static column; a counter table. Statements
 * go out asynchronously, a bounded number in flight, until {@code done} says enough was written.
 */
final class CorpusWorkload {
    static final String KEYSPACE = "bench";
    static final List<String> TABLES = List.of("docs", "readings", "profiles", "orders", "hits");
    private static final int IN_FLIGHT = 64;

    private final CqlSession session;
    private final Random random = new Random(20261123L);
    private final AtomicLong statements = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private PreparedStatement docInsert, docInsertTtl, docBody, docTagAdd, docAttrDelete, docDelete;
    private PreparedStatement reading, readingRowDelete, readingRangeDelete;
    private PreparedStatement profileInsert, profileEmail, profileScores, profilePrefDelete, profileDelete;
    private PreparedStatement orderInsert, orderCustomer, orderStatus;
    private PreparedStatement hit;
    private final TupleType address = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.INT);

    CorpusWorkload(CqlSession session) {
        this.session = session;
    }

    void createSchema() {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        String with = " WITH cdc = true";
        session.execute("CREATE TABLE IF NOT EXISTS bench.docs (id uuid PRIMARY KEY, title text, body text,"
                + " tags set<text>, attrs map<text, text>, updated timestamp, version int)" + with);
        session.execute("CREATE TABLE IF NOT EXISTS bench.readings (sensor text, day date, at timeuuid,"
                + " value double, quality int, raw blob, note text, PRIMARY KEY ((sensor, day), at))"
                + with + " AND CLUSTERING ORDER BY (at DESC)");
        session.execute("CREATE TABLE IF NOT EXISTS bench.profiles (user_id bigint PRIMARY KEY, name text,"
                + " email text, scores list<int>, prefs map<text, int>, home frozen<tuple<text, int>>,"
                + " active boolean, balance decimal)" + with);
        session.execute("CREATE TABLE IF NOT EXISTS bench.orders (customer int, order_id int, customer_name text static,"
                + " total decimal, status text, items map<text, int>, placed timestamp,"
                + " PRIMARY KEY (customer, order_id))" + with);
        session.execute("CREATE TABLE IF NOT EXISTS bench.hits (page text PRIMARY KEY, views counter, clicks counter)" + with);
        docInsert = session.prepare("INSERT INTO bench.docs (id, title, body, tags, attrs, updated, version) VALUES (?, ?, ?, ?, ?, ?, 1)");
        docInsertTtl = session.prepare("INSERT INTO bench.docs (id, title, body, tags, attrs, updated, version) VALUES (?, ?, ?, ?, ?, ?, 1) USING TTL 86400");
        docBody = session.prepare("UPDATE bench.docs SET body = ?, updated = ?, version = ? WHERE id = ?");
        docTagAdd = session.prepare("UPDATE bench.docs SET tags = tags + ?, attrs[?] = ? WHERE id = ?");
        docAttrDelete = session.prepare("DELETE attrs[?], title FROM bench.docs WHERE id = ?");
        docDelete = session.prepare("DELETE FROM bench.docs WHERE id = ?");
        reading = session.prepare("INSERT INTO bench.readings (sensor, day, at, value, quality, raw, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
        readingRowDelete = session.prepare("DELETE FROM bench.readings WHERE sensor = ? AND day = ? AND at = ?");
        readingRangeDelete = session.prepare("DELETE FROM bench.readings WHERE sensor = ? AND day = ? AND at < ?");
        profileInsert = session.prepare("INSERT INTO bench.profiles (user_id, name, email, scores, prefs, home, active, balance)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        profileEmail = session.prepare("UPDATE bench.profiles USING TTL 3600 SET email = ?, active = ? WHERE user_id = ?");
        profileScores = session.prepare("UPDATE bench.profiles SET scores = scores + ?, prefs = prefs + ? WHERE user_id = ?");
        profilePrefDelete = session.prepare("DELETE prefs[?], email FROM bench.profiles WHERE user_id = ?");
        profileDelete = session.prepare("DELETE FROM bench.profiles WHERE user_id = ?");
        orderInsert = session.prepare("INSERT INTO bench.orders (customer, order_id, total, status, items, placed) VALUES (?, ?, ?, ?, ?, ?)");
        orderCustomer = session.prepare("UPDATE bench.orders SET customer_name = ? WHERE customer = ?");
        orderStatus = session.prepare("UPDATE bench.orders SET status = ? WHERE customer = ? AND order_id = ?");
        hit = session.prepare("UPDATE bench.hits SET views = views + ?, clicks = clicks + ? WHERE page = ?");
    }

    /** Writes until {@code done} (checked every 100 statements) and returns the number of statements sent. */
    long run(BooleanSupplier done) throws InterruptedException {
        long i = 0;
        while (true) {
            if (i % 100 == 0 && done.getAsBoolean()) {
                break;
            }
            if (failure.get() != null) {
                throw new IllegalStateException("corpus workload failed: " + failure.get(), failure.get());
            }
            send(next(i++));
        }
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("corpus workload failed: " + failure.get(), failure.get());
        }
        return statements.get();
    }

    private void send(Statement<?> statement) throws InterruptedException {
        if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no write completed for 60 s");
        }
        CompletionStage<AsyncResultSet> f = session.executeAsync(statement);
        f.whenComplete((rs, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            statements.incrementAndGet();
            inFlight.release();
        });
    }

    /** The i-th statement: the mix repeats every 20 statements. */
    private Statement<?> next(long i) {
        int slot = (int) (i % 20);
        long n = i / 20;
        switch (slot) {
            case 0: case 1: case 2: case 3:
                return docInsert.bind(docId(n * 4 + slot), text(24), text(1500 + random.nextInt(2500)),
                        Set.of(word(), word()), Map.of("lang", "en", "src", word()), Instant.now());
            case 4:
                return docInsertTtl.bind(docId(n * 4 + 100_000_000L), text(24), text(800 + random.nextInt(800)),
                        Set.of(word()), Map.of("tmp", word()), Instant.now());
            case 5:
                return docBody.bind(text(1000 + random.nextInt(2000)), Instant.now(), (int) n % 100, docId(n * 4));
            case 6:
                return docTagAdd.bind(Set.of(word()), word(), word(), docId(n * 4 + 1));
            case 7:
                return n % 2 == 0 ? docAttrDelete.bind("lang", docId(n * 4 + 2)) : docDelete.bind(docId(n * 4 + 3 - 40));
            case 8: case 9: case 10: case 11:
                return readingsBatch(n * 4 + slot);
            case 12:
                return n % 3 == 0
                        ? readingRangeDelete.bind(sensor(n), day(n), Uuids.startOf(System.currentTimeMillis() - 1000))
                        : readingRowDelete.bind(sensor(n), day(n), Uuids.timeBased());
            case 13:
                return profileInsert.bind(n, text(16), word() + "@example.com", List.of(random.nextInt(100), random.nextInt(100)),
                        Map.of(word(), random.nextInt(10), word(), random.nextInt(10)),
                        address.newValue(text(30), random.nextInt(99999)), random.nextBoolean(),
                        BigDecimal.valueOf(random.nextInt(1_000_000), 2));
            case 14:
                return profileEmail.bind(word() + "@example.org", random.nextBoolean(), n - 1);
            case 15:
                return profileScores.bind(List.of(random.nextInt(100)), Map.of(word(), random.nextInt(10)), n - 2);
            case 16:
                return n % 4 == 0 ? profileDelete.bind(n - 50) : profilePrefDelete.bind(word(), n - 3);
            case 17: case 18:
                return ordersBatch(n * 2 + slot);
            default:
                return hit.bind(1L, (long) random.nextInt(3), "/page/" + (n % 5000));
        }
    }

    private BatchStatement readingsBatch(long k) {
        BatchStatementBuilder b = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        String sensor = sensor(k);
        LocalDate day = day(k);
        for (int r = 0; r < 25; r++) {
            byte[] raw = new byte[64 + random.nextInt(192)];
            random.nextBytes(raw);
            b.addStatement(reading.bind(sensor, day, Uuids.timeBased(), random.nextGaussian() * 20, random.nextInt(5),
                    ByteBuffer.wrap(raw), r % 5 == 0 ? text(40) : null));
        }
        return b.build();
    }

    private BatchStatement ordersBatch(long k) {
        BatchStatementBuilder b = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        int customer = (int) (k % 200_000);
        b.addStatement(orderCustomer.bind(text(20), customer));
        for (int o = 0; o < 8; o++) {
            b.addStatement(orderInsert.bind(customer, (int) (k * 8 + o), BigDecimal.valueOf(random.nextInt(100_000), 2),
                    "new", Map.of("sku-" + random.nextInt(1000), 1 + random.nextInt(3)), Instant.now()));
        }
        b.addStatement(orderStatus.bind("paid", customer, (int) (k * 8)));
        return b.build();
    }

    private static UUID docId(long n) {
        return new UUID(0x5eedL, n);
    }

    private static String sensor(long k) {
        return "sensor-" + (k % 5000);
    }

    private static LocalDate day(long k) {
        return LocalDate.of(2026, 1, 1).plusDays(k % 300);
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz     ";

    private String text(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
        }
        return new String(c);
    }

    private String word() {
        return text(4 + random.nextInt(6)).replace(' ', 'x');
    }
}
