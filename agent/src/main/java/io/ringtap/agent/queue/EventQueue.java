package io.ringtap.agent.queue;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.Source;
import io.ringtap.agent.metrics.QueueReadings;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The node-local durable queue of captured mutations, over Chronicle Queue (the copy Cassandra ships).
 * One excerpt per {@link CapturedMutation}, written atomically: a reader sees the whole excerpt or none of it.
 *
 * <p><b>Durability.</b> Chronicle writes into memory-mapped files; an excerpt is complete in the kernel's page
 * cache when {@link #append} returns. A kill -9 of the JVM (or any crash of the process) loses nothing that
 * was appended: the page cache belongs to the OS and is written back later. A power loss or kernel crash can
 * lose the excerpts of the last few seconds (whatever the kernel had not written back; Chronicle does not
 * msync by default), and then the queue can be behind cdc_raw while the commit log is not: capture re-reads
 * from the queue's last position, so nothing is lost as long as the segments are still in cdc_raw, which
 * holds for segments retired only after their excerpts were written (retirement trusts the page cache too,
 * so a power loss right after a retirement is the one window where mutations can be lost). After a power
 * loss the queue's tail (and its indexes) may also be rewound relative to what a forwarder already shipped.
 *
 * <p><b>Torn writes.</b> Chronicle writes an excerpt's header as "not complete" first and sets its length
 * when the document is closed; readers never see a not-complete excerpt. When the writer dies mid-excerpt
 * (kill -9), the header stays "not complete" and the store's write lock names a dead process. Checked with
 * chronicle-queue 5.23.37 ({@code EventQueueCrashTest}, a child JVM halted mid-excerpt): after reopening,
 * readers see exactly the complete excerpts, {@link #lastCdcPosition()} is the last complete one, and the
 * first append force-unlocks the dead process's lock, recovers the torn header (that first append took 1-5 s
 * in our runs) and continues; the torn excerpt is never returned. Its mutation is captured again from
 * cdc_raw, since the resume point is the last complete excerpt.
 *
 * <p><b>Threads.</b> {@link #append} may be called concurrently (capture thread, trigger request threads).
 * Chronicle's {@code acquireAppender()} gives each thread an appender of its own (mapped-store references per
 * thread, many with Cassandra's request pools); instead this class keeps a single appender, with Chronicle's
 * thread-owner check disabled, and serialises appends on a monitor (each thread encodes its excerpt
 * before taking it, so the monitor covers only Chronicle's write and one copy): excerpts never interleave, per-thread
 * append order is kept, and the max-bytes wait happens outside the monitor. Chronicle itself keeps an
 * interrupt during a write from closing the queue's file channels ({@code Jvm.doNotCloseOnInterrupt}, needs
 * Cassandra's {@code --add-opens java.base/sun.nio.ch}) and {@code checkInterrupts(false)} keeps it from
 * aborting a half-written excerpt. Readers ({@link QueueReader}) belong to one thread each.
 */
public final class EventQueue implements AutoCloseable, QueueReadings {
    /** Roll cycle used when none is configured. */
    public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";

    private static final long MAX_WAIT_STEP_MS = 100;
    private static final long SIZE_CACHE_NANOS = 100_000_000L;
    private static final String STORE_SUFFIX = ".cq4";

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final long maxBytes;
    private final Object appendLock = new Object();
    private volatile long cachedSize;
    /** When {@link #cachedSize} was last measured; a CAS on it elects the one appender that re-measures. */
    private final AtomicLong sizeMeasuredAt = new AtomicLong(System.nanoTime() - SIZE_CACHE_NANOS - 1);
    /** One appender for all threads, used only under {@link #appendLock}. */
    private ExcerptAppender appender;
    private final DateTimeFormatter cycleFileFormat;
    private final LongSupplier backlogProbe;
    private final ForwardedMark forwardedMark;
    /** Used only under its own monitor, to find where an excerpt ends in its cycle file. */
    private final ExcerptTailer measuringTailer;
    /** Under {@link #measuringTailer}'s monitor. */
    private final TreeMap<Integer, Long> rolledCycleEnds = new TreeMap<>();

    private EventQueue(Path directory, SingleChronicleQueue queue, long maxBytes, LongSupplier backlogProbe) {
        this.directory = directory;
        this.queue = queue;
        this.maxBytes = maxBytes;
        this.backlogProbe = backlogProbe == null ? this::backlogBytes : backlogProbe;
        this.forwardedMark = ForwardedMark.in(directory);
        this.measuringTailer = queue.createTailer().disableThreadSafetyCheck(true);
        RollCycle rc = queue.rollCycle();
        this.cycleFileFormat = DateTimeFormatter.ofPattern(rc.format()).withZone(ZoneOffset.UTC);
    }

    /**
     * Opens (creating it if needed) the queue in {@code directory}.
     *
     * @param rollCycle a Chronicle {@code RollCycles} name (e.g. {@code FAST_HOURLY}, {@code FAST_DAILY},
     *                  {@code MINUTELY}); {@code null} means {@link #DEFAULT_ROLL_CYCLE}
     * @param maxBytes  backlog ({@link #backlogBytes()}) above which {@link #append} waits; {@code <= 0} means unbounded
     * @throws IllegalArgumentException for an unknown roll cycle
     */
    public static EventQueue open(Path directory, String rollCycle, long maxBytes) {
        return open(directory, rollCycle, maxBytes, null);
    }

    static EventQueue open(Path directory, String rollCycle, long maxBytes, LongSupplier backlogProbe) {
        RollCycles rc = RollCycles.valueOf(rollCycle == null ? DEFAULT_ROLL_CYCLE : rollCycle);
        return new EventQueue(directory, builder(directory).rollCycle(rc).build(), maxBytes, backlogProbe);
    }

    /** Opens an existing queue for reading only (the dump and status tools). */
    public static EventQueue openReadOnly(Path directory) {
        return openReadOnly(directory, null, 0, null);
    }

    /**
     * Opens an existing queue for reading only, knowing the node's {@code queue.max-bytes}: a separate forwarder
     * process must see, like the in-node one, when the node's capture waits for space ({@link #isFull}), so that it
     * deletes forwarded files at once instead of after the retention.
     *
     * @param rollCycle the node's {@code queue.roll-cycle} ({@code null}: the default); the queue's metadata wins
     */
    public static EventQueue openReadOnly(Path directory, String rollCycle, long maxBytes) {
        return openReadOnly(directory, rollCycle, maxBytes, null);
    }

    static EventQueue openReadOnly(Path directory, String rollCycle, long maxBytes, LongSupplier sizeProbe) {
        if (!exists(directory)) {
            throw new IllegalArgumentException("no queue in " + directory);
        }
        // the roll cycle comes from the queue's metadata; naming the right one avoids Chronicle's override warning
        RollCycles rc = RollCycles.valueOf(rollCycle == null ? DEFAULT_ROLL_CYCLE : rollCycle);
        return new EventQueue(directory, builder(directory).rollCycle(rc).readOnly(true).build(), maxBytes, sizeProbe);
    }

    private static SingleChronicleQueueBuilder builder(Path directory) {
        // interrupts must not abort a half-written excerpt: capture stops by interrupt
        return SingleChronicleQueueBuilder.single(directory.toFile()).checkInterrupts(false);
    }

    /** Whether {@code directory} holds a queue (at least one store file). */
    public static boolean exists(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + STORE_SUFFIX)) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends one captured mutation as one excerpt. While the backlog ({@link #backlogBytes()}) is over
     * max-bytes it waits (in steps of at most 100 ms) until the forwarder catches up: that pause is the
     * intended back-pressure on capture.
     *
     * @return the excerpt's queue index
     * @throws InterruptedException when interrupted while waiting for space (nothing was written)
     */
    public long append(CapturedMutation mutation) throws InterruptedException {
        awaitSpace();
        Bytes<?> excerpt = ExcerptFormat.encode(mutation); // outside the monitor: only the copy is serialised
        synchronized (appendLock) {
            if (appender == null) {
                appender = queue.acquireAppender().disableThreadSafetyCheck(true);
            }
            try (DocumentContext dc = appender.writingDocument()) {
                try {
                    copy(excerpt, dc.wire().bytes());
                } catch (RuntimeException | Error e) {
                    dc.rollbackOnClose();
                    throw e;
                }
            }
            return appender.lastIndexAppended();
        }
    }

    /**
     * From the encoder's heap array when there is one: Chronicle's Bytes-to-mapped-file copy checks bounds
     * per 8 bytes (JFR: about a fifth of capture samples); from a byte[] it is one bulk copy. Same bytes.
     */
    private static void copy(Bytes<?> excerpt, Bytes<?> out) {
        Object heap = excerpt.bytesStore().underlyingObject();
        if (heap instanceof byte[] && excerpt.start() == 0) {
            out.write((byte[]) heap, Math.toIntExact(excerpt.readPosition()),
                    Math.toIntExact(excerpt.readRemaining()));
        } else {
            out.write(excerpt, excerpt.readPosition(), excerpt.readRemaining());
        }
    }

    private void awaitSpace() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("appending to the queue");
        }
        if (maxBytes <= 0) {
            return;
        }
        if (!overCapCached()) {
            return;
        }
        while (isFull()) {
            Thread.sleep(MAX_WAIT_STEP_MS); // throws when interrupted: nothing written
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("waiting for queue space");
        }
    }

    /**
     * Whether the backlog was over max-bytes when last measured; never waits. Measuring on every append would
     * cost more than the append, so one thread at a time re-measures, at most every 100 ms (concurrent trigger
     * appends would otherwise all measure at once and queue on the measuring monitor).
     */
    public boolean overCapCached() {
        if (maxBytes <= 0) {
            return false;
        }
        long now = System.nanoTime();
        long measuredAt = sizeMeasuredAt.get();
        if (now - measuredAt > SIZE_CACHE_NANOS && sizeMeasuredAt.compareAndSet(measuredAt, now)) {
            cachedSize = backlogProbe.getAsLong();
        }
        return cachedSize > maxBytes;
    }

    /** Whether an append would currently wait for the forwarder (backlog measured now). */
    public boolean isFull() {
        if (maxBytes <= 0) {
            return false;
        }
        long size = backlogProbe.getAsLong();
        cachedSize = size;
        sizeMeasuredAt.set(System.nanoTime());
        return size > maxBytes;
    }

    /** Whether the queue's files ({@link #bytes()}, forwarded ones included) take more than max-bytes. */
    public boolean filesOverCap() {
        return maxBytes > 0 && bytes() > maxBytes;
    }

    /**
     * Bytes of the excerpts after the {@link ForwardedMark} (every excerpt when there is none): what the
     * forwarder has yet to ship, and what {@code queue.max-bytes} bounds. Counts file offsets of excerpts
     * (content and Chronicle's framing and index pages), not the files' mapped (sparse) lengths, so it drops
     * as soon as the forwarder catches up, within a roll cycle.
     */
    @Override
    public long backlogBytes() {
        long mark = forwardedMark.read();
        synchronized (measuringTailer) {
            long last = lastIndex();
            if (last < 0 || mark >= last) {
                return 0;
            }
            RollCycle rc = queue.rollCycle();
            int lastCycle = rc.toCycle(last);
            long lastEnd = endOf(last);
            int fromCycle;
            long fromPos;
            long markEnd = mark < 0 ? -1 : endOf(mark);
            if (markEnd < 0) {
                // no mark, or its file is gone (everything in it was forwarded): count from the oldest file
                fromCycle = queue.firstCycle();
                fromPos = 0;
            } else {
                fromCycle = rc.toCycle(mark);
                fromPos = markEnd;
            }
            if (fromCycle >= lastCycle) {
                return Math.max(0, lastEnd - fromPos);
            }
            long total = lastEnd;
            try {
                for (Long cycle : queue.listCyclesBetween(fromCycle, lastCycle)) {
                    if (cycle == lastCycle) {
                        break;
                    }
                    long end = rolledCycleEnd(cycle.intValue());
                    total += cycle == fromCycle ? Math.max(0, end - fromPos) : end;
                }
            } catch (ParseException | IllegalStateException e) {
                // cannot list cycles (a file deleted meanwhile): count every file this once, the safe side
                return bytes();
            }
            rolledCycleEnds.headMap(fromCycle).clear();
            return total;
        }
    }

    /** Offset just past a rolled cycle's last excerpt; cached, a rolled cycle no longer changes. */
    private long rolledCycleEnd(int cycle) {
        Long cached = rolledCycleEnds.get(cycle);
        if (cached != null) {
            return cached;
        }
        long excerpts = queue.exactExcerptsInCycle(cycle);
        long end = excerpts <= 0 ? 0 : Math.max(0, endOf(queue.rollCycle().toIndex(cycle, excerpts - 1)));
        rolledCycleEnds.put(cycle, end);
        return end;
    }

    /** The roll cycle an index belongs to. */
    int rollCycleOf(long index) {
        return queue.rollCycle().toCycle(index);
    }

    /** Offset just past the excerpt at {@code index} in its cycle file, or -1 when it is not in the queue. */
    private long endOf(long index) {
        if (!measuringTailer.moveToIndex(index)) {
            return -1;
        }
        try (DocumentContext dc = measuringTailer.readingDocument()) {
            return dc.isPresent() ? dc.wire().bytes().readLimit() : -1;
        }
    }

    /** The forwarded mark of this queue (written by whichever process forwards it). */
    public ForwardedMark forwardedMark() {
        return forwardedMark;
    }

    /**
     * The (segment, position) of the last {@code cdc} excerpt, scanning backwards past excerpts of other
     * captures (triggers); empty when the queue holds no cdc excerpt.
     */
    public Optional<CdcPosition> lastCdcPosition() {
        ExcerptTailer tailer = queue.createTailer().disableThreadSafetyCheck(true);
        try {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return Optional.empty();
                    }
                    Source s = ExcerptFormat.readSource(dc.wire().bytes());
                    if (Source.CDC.equals(s.capture()) && s.hasPosition()) {
                        return Optional.of(new CdcPosition(s.segment(), s.position()));
                    }
                }
            }
        } finally {
            tailer.close();
        }
    }

    /** A reader from the start of the queue. */
    public QueueReader reader() {
        ExcerptTailer tailer = queue.createTailer().disableThreadSafetyCheck(true);
        tailer.toStart();
        return new QueueReader(tailer);
    }

    /**
     * A reader whose first entry is the one just after {@code index} (an index returned by {@link #append}
     * or {@link QueueEntry#index()}); {@code index < 0} reads from the start.
     *
     * @throws IllegalArgumentException when {@code index} is not in the queue (e.g. its file was deleted)
     */
    public QueueReader readerAfter(long index) {
        if (index < 0) {
            return reader();
        }
        ExcerptTailer tailer = queue.createTailer().disableThreadSafetyCheck(true);
        if (!tailer.moveToIndex(index)) {
            tailer.close();
            throw new IllegalArgumentException("queue index " + Long.toHexString(index) + " not in " + directory);
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            // skip the entry at index itself
        }
        return new QueueReader(tailer);
    }

    /**
     * Number of excerpts after {@code index} (all of them when {@code index < 0}): the forwarder's lag in
     * entries. Cost grows with the number of roll cycles spanned, not with the number of excerpts.
     */
    public long entriesAfter(long index) {
        long last = lastIndex();
        if (last < 0) {
            return 0;
        }
        if (index < 0) {
            return queue.entryCount();
        }
        if (index >= last) {
            return 0;
        }
        // countExcerpts counts [from, to): from index (inclusive) to last (exclusive) = entries after index
        return queue.countExcerpts(index, last);
    }

    /** Number of excerpts in the queue (all retained cycles). */
    @Override
    public long entries() {
        return queue.entryCount();
    }

    /** Index of the last excerpt, or -1 when the queue is empty. */
    public long lastIndex() {
        long last = queue.lastIndex();
        return last == Long.MIN_VALUE ? -1 : last;
    }

    /**
     * The queue files' size in bytes: the sum of the store files' lengths. The current cycle's file is
     * sparse and counts with its mapped length (Chronicle's block size plus overlap, about 80 MB on 64-bit
     * JVMs) however little it holds; rolled files are shrunk to their content by Chronicle on Linux. So
     * {@code queue.max-bytes} should be well above 100 MB.
     */
    @Override
    public long bytes() {
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + STORE_SUFFIX)) {
            for (Path f : files) {
                try {
                    total += Files.size(f);
                } catch (IOException e) {
                    // deleted meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /**
     * Deletes the rolled store files whose excerpts all come before {@code confirmedIndex} (forwarded and
     * committed) and that were last written more than {@code retention} ago. The current cycle is never
     * deleted.
     *
     * @return the number of files deleted
     */
    public int deleteRolledFiles(long confirmedIndex, Duration retention) throws IOException {
        if (confirmedIndex < 0) {
            return 0;
        }
        int confirmedCycle = queue.rollCycle().toCycle(confirmedIndex);
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
            return 0;
        }
        NavigableSet<Long> cycles;
        try {
            cycles = queue.listCyclesBetween(first, last);
        } catch (ParseException e) {
            throw new IOException("cannot list queue cycles in " + directory, e);
        }
        long cutoff = System.currentTimeMillis() - retention.toMillis();
        int deleted = 0;
        for (Long cycle : cycles) {
            if (cycle >= confirmedCycle || cycle >= last) {
                break;
            }
            Path file = directory.resolve(cycleFileName(cycle.intValue()));
            if (Files.exists(file) && Files.getLastModifiedTime(file).toMillis() < cutoff) {
                Files.delete(file);
                deleted++;
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    String cycleFileName(int cycle) {
        long millis = (long) cycle * queue.rollCycle().lengthInMillis();
        return cycleFileFormat.format(Instant.ofEpochMilli(millis)) + STORE_SUFFIX;
    }

    @Override
    public void close() {
        synchronized (appendLock) {
            if (appender != null) {
                appender.close();
            }
            synchronized (measuringTailer) {
                measuringTailer.close();
            }
            queue.close();
        }
    }

    /** Reads entries in queue order. Not thread-safe: one reader per thread. */
    public static final class QueueReader implements AutoCloseable {
        private final ExcerptTailer tailer;
        private final Utf8Reader utf8 = new Utf8Reader();

        QueueReader(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** The next entry, or {@code null} when none is (yet) available. Never blocks. */
        public QueueEntry next() {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                Bytes<?> bytes = dc.wire().bytes();
                Source source = ExcerptFormat.readSource(bytes, utf8);
                return new QueueEntry(dc.index(), source, ExcerptFormat.readEvents(bytes, utf8));
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
