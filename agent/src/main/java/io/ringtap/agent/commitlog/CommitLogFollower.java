package io.ringtap.agent.commitlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringtap.agent.RunLoop;
import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.eav.EavEvent;
import io.ringtap.agent.queue.AppendSignal;
import io.ringtap.agent.queue.CdcPosition;
import io.ringtap.agent.queue.EventQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@code capture} run loop: follows cdc_raw in segment-id order and appends every decoded mutation to
 * the queue, exactly once across restarts.
 *
 * <p>Order and progress. Segments are read strictly in id order; a segment that is not finished (its idx
 * lacks {@code COMPLETED}) holds back every later one, so events leave in commit-log order. Progress is the
 * queue itself: at startup capture resumes right after the (segment, position) of the queue's last cdc
 * excerpt; segments with a lower id were fully captured before (they are only retired). Segments that come
 * back after a kill -9 (Cassandra's replay rewrites their idx to the full length plus {@code COMPLETED}) are
 * covered by the same rule.
 *
 * <p>Durable-only versus read-ahead. By default an active segment is read up to its idx offset, which
 * Cassandra writes after fsyncing the segment: nothing is queued that the commit log could lose in a power
 * failure. With {@code capture.read-ahead} every entry Cassandra's reader can see is taken (it follows the
 * ~100 ms sync markers written without fsync), for ~100 ms latency; after a power loss (not a process
 * crash) the queue may then hold a change the node itself lost.
 *
 * <p>Logs without idx. Cassandra hard-links every new segment into cdc_raw but writes its idx only at the
 * first sync after the segment received a CDC mutation (CommitLogSegment.sync, {@code cdcState == CONTAINS});
 * a segment that never gets one keeps a bare {@code .log} until Cassandra discards it (after the memtables
 * holding its data are flushed, possibly much later), and a clean shutdown can leave one behind too. A bare
 * log that is the newest segment (or has no later segment with an idx) is treated as not yet active and
 * waited for. Once a later segment has an idx, the bare log is closed and contained no CDC data when it
 * closed (Cassandra syncs, closes and writes the idx of older segments before newer ones in each sync pass,
 * and marks a segment CDC before the mutation's write completes); so, when its own idx is still absent on a
 * re-check and its size and mtime stayed unchanged for the orphan grace period, it is read in full (normally
 * yielding nothing) and retired, or quarantined if unreadable. Without this, every segment without CDC data
 * would hold capture back until Cassandra discards it. A bare log has no durable extent, so even in
 * durable-only mode it is read to its end.
 *
 * <p>Retirement: a segment (log, then idx) is deleted, or moved to the archive directory, only when its idx
 * says {@code COMPLETED} and every entry up to the end was appended to the queue (an append returns once the
 * excerpt is in the page cache; see {@link EventQueue} for what that survives).
 *
 * <p>Quarantine: a {@link CorruptSegmentException} on a finished (or orphan) segment moves its files to the
 * quarantine directory with one ERROR naming the file and position; capture goes on with the next segment.
 * On the active segment the read is retried with back-off, from the last good position.
 */
public final class CommitLogFollower implements RunLoop {
    private static final Logger log = LoggerFactory.getLogger(CommitLogFollower.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final int QUIET_RETRIES = 3;
    /** Least time between the starts of two passes woken by cdc_raw events: bounds passes to 200/s. */
    static final long MIN_PASS_GAP_MS = 5;

    private final CaptureSettings settings;
    private final SegmentDecoder decoder;
    private final EventQueue queue;
    private final CaptureStats stats;
    private final LongSupplier clockMs;
    private final AppendSignal appended;

    private boolean initialised;
    /** Last captured position (queue's resume point, advanced by every append). */
    private long resumeSegment = -1;
    private int resumePosition;
    /** The segment being read and how far it was read (captured or skipped as not CDC). */
    private long headSegment = -1;
    private int headPosition;
    private int headIdxOffsetRead = -1;
    private int headCorruptStreak;
    private final Map<Long, OrphanObservation> orphans = new HashMap<>();
    private CapturedMutation lastMutation;

    public CommitLogFollower(CaptureSettings settings, SegmentDecoder decoder, EventQueue queue, CaptureStats stats) {
        this(settings, decoder, queue, stats, (AppendSignal) null);
    }

    /**
     * @param appended signalled after every append (wakes the forwarder of the same queue), or {@code null}
     */
    public CommitLogFollower(CaptureSettings settings, SegmentDecoder decoder, EventQueue queue, CaptureStats stats,
                             AppendSignal appended) {
        this(settings, decoder, queue, stats, System::currentTimeMillis, appended);
    }

    CommitLogFollower(CaptureSettings settings, SegmentDecoder decoder, EventQueue queue, CaptureStats stats,
                      LongSupplier clockMs) {
        this(settings, decoder, queue, stats, clockMs, null);
    }

    CommitLogFollower(CaptureSettings settings, SegmentDecoder decoder, EventQueue queue, CaptureStats stats,
                      LongSupplier clockMs, AppendSignal appended) {
        this.settings = settings;
        this.decoder = decoder;
        this.queue = queue;
        this.stats = stats;
        this.clockMs = clockMs;
        this.appended = appended;
    }

    @Override
    public String name() {
        return "capture";
    }

    @Override
    public void run() throws InterruptedException {
        try (CdcRawWatch watch = CdcRawWatch.open(settings.cdcRawDirectory())) {
            run(watch);
        }
    }

    /**
     * Passes over cdc_raw: after a good pass, the next starts when cdc_raw changes (an idx rewritten, a segment
     * linked) or after the poll interval; after failures, only after the back-off, whatever changes.
     */
    void run(CdcRawWatch watch) throws InterruptedException {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long passStart = System.nanoTime();
            boolean ok;
            try {
                ok = pollOnce();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                ok = false;
                if (failures == 0) {
                    log.error("ringtap capture failed, retrying with back-off: {}", e.toString(), e);
                } else {
                    log.warn("ringtap capture failed again ({} in a row): {}", failures + 1, e.toString());
                }
            }
            failures = ok ? 0 : failures + 1;
            if (failures > 0) {
                Thread.sleep(delayMs(failures));
            } else if (watch.await(settings.pollIntervalMs())) {
                long sinceStartMs = (System.nanoTime() - passStart) / 1_000_000L;
                if (sinceStartMs < MIN_PASS_GAP_MS) {
                    Thread.sleep(MIN_PASS_GAP_MS - sinceStartMs);
                }
            }
        }
    }

    /** The pause before the next poll: the poll interval, doubled per consecutive failure up to the max. */
    long delayMs(int failures) {
        long delay = settings.pollIntervalMs();
        for (int i = 0; i < failures && delay < settings.maxBackoffMs(); i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(settings.maxBackoffMs(), settings.pollIntervalMs()));
    }

    /**
     * One pass over cdc_raw. Returns false when a segment asked for back-off (e.g. the active segment failed
     * to decode); throws on I/O problems with cdc_raw itself.
     */
    boolean pollOnce() throws IOException, InterruptedException {
        if (!initialised) {
            Optional<CdcPosition> last = queue.lastCdcPosition();
            if (last.isPresent()) {
                resumeSegment = last.get().segment();
                resumePosition = last.get().position();
            }
            initialised = true;
            log.info("ringtap capture starts after {}", last.map(CdcPosition::toString).orElse("the beginning"));
        }
        List<SegmentFiles> segments = SegmentFiles.list(settings.cdcRawDirectory());
        updatePending(segments);
        for (int i = 0; i < segments.size(); i++) {
            SegmentFiles seg = segments.get(i);
            if (seg.log() == null) {
                removeStaleIdx(seg);
                continue;
            }
            CdcIndex idx = seg.idx() == null ? null : CdcIndex.read(seg.idx());
            if (seg.id() < resumeSegment) {
                // fully captured before: retire when finished, never holds back later segments
                if (idx != null && idx.completed() || seg.idx() == null && isOrphan(seg, segments, i)) {
                    retire(seg);
                }
                continue;
            }
            Step step;
            if (seg.idx() == null) {
                step = isOrphan(seg, segments, i) ? read(seg, -1, true) : Step.WAIT;
            } else if (idx == null) {
                step = Step.WAIT; // empty or cut-short idx: retry next poll
            } else {
                step = readIndexed(seg, idx);
            }
            if (step == Step.BACK_OFF) {
                return false;
            }
            if (step == Step.WAIT) {
                return true;
            }
        }
        return true;
    }

    private enum Step { NEXT, WAIT, BACK_OFF }

    private Step readIndexed(SegmentFiles seg, CdcIndex idx) throws IOException, InterruptedException {
        moveHead(seg.id());
        int upTo = settings.readAhead() ? -1 : idx.offset();
        if (!idx.completed() && !settings.readAhead() && idx.offset() == headIdxOffsetRead) {
            return Step.WAIT; // nothing new is durable yet
        }
        Step step = read(seg, upTo, idx.completed());
        if (headCorruptStreak == 0) {
            headIdxOffsetRead = idx.offset();
        }
        return step;
    }

    private Step read(SegmentFiles seg, int upTo, boolean finished) throws IOException, InterruptedException {
        moveHead(seg.id());
        lastMutation = null;
        try {
            ReadResult result = decoder.read(seg.log(), seg.id(), headPosition, upTo, this::append);
            headPosition = Math.max(headPosition, result.lastPosition());
            headCorruptStreak = 0;
            recordDropped(result);
        } catch (CorruptSegmentException e) {
            headPosition = Math.max(headPosition, e.lastGoodPosition());
            if (!finished) {
                // the active segment's tail can be mid-write (a sync marker's end written before its CRC):
                // retry quietly a few times, then back off; the finished segment decides about quarantine
                if (++headCorruptStreak <= QUIET_RETRIES) {
                    log.debug("ringtap capture: active segment {} not readable after {} yet: {}",
                            seg.log(), e.lastGoodPosition(), e.getMessage());
                    return Step.WAIT;
                }
                log.warn("ringtap capture: active segment {} unreadable after position {}, will retry: {}",
                        seg.log(), e.lastGoodPosition(), e.getMessage());
                return Step.BACK_OFF;
            }
            quarantine(seg, e);
            return Step.NEXT;
        } finally {
            recordLastTs();
        }
        if (!finished) {
            return Step.WAIT;
        }
        retire(seg);
        return Step.NEXT;
    }

    private void append(CapturedMutation m) throws InterruptedException {
        long segment = m.source().segment();
        int position = m.source().position();
        if (segment < resumeSegment || segment == resumeSegment && position <= resumePosition) {
            return; // already queued: never twice
        }
        queue.append(m);
        if (appended != null) {
            appended.signal();
        }
        resumeSegment = segment;
        resumePosition = position;
        stats.mutationsCaptured.incrementAndGet();
        stats.eventsCaptured.addAndGet(m.events().size());
        lastMutation = m;
    }

    private void moveHead(long segment) {
        if (segment != headSegment) {
            headSegment = segment;
            headPosition = segment == resumeSegment ? resumePosition : 0;
            headIdxOffsetRead = -1;
            headCorruptStreak = 0;
        }
    }

    private boolean isOrphan(SegmentFiles seg, List<SegmentFiles> segments, int index) throws IOException {
        boolean laterHasIdx = false;
        for (int j = index + 1; j < segments.size() && !laterHasIdx; j++) {
            laterHasIdx = segments.get(j).idx() != null;
        }
        if (!laterHasIdx) {
            orphans.remove(seg.id());
            return false;
        }
        if (Files.exists(idxOf(seg.log()))) {
            return false; // its idx appeared since the listing: handled on the next poll
        }
        long size = Files.size(seg.log());
        FileTime mtime = Files.getLastModifiedTime(seg.log());
        long now = clockMs.getAsLong();
        OrphanObservation seen = orphans.get(seg.id());
        if (seen == null || seen.size != size || !seen.mtime.equals(mtime)) {
            seen = new OrphanObservation(size, mtime, now);
            orphans.put(seg.id(), seen);
        }
        return now - seen.since >= settings.orphanGraceMs();
    }

    private void retire(SegmentFiles seg) throws IOException {
        Path archive = settings.archiveDirectory();
        if (archive != null) {
            Files.createDirectories(archive);
            move(seg.log(), archive);
            move(seg.idx(), archive);
        } else {
            Files.deleteIfExists(seg.log());
            if (seg.idx() != null) {
                Files.deleteIfExists(seg.idx());
            }
        }
        orphans.remove(seg.id());
        stats.segmentsRetired.incrementAndGet();
        log.debug("ringtap retired segment {}", seg);
    }

    private void quarantine(SegmentFiles seg, CorruptSegmentException e) throws IOException {
        Files.createDirectories(settings.quarantineDirectory());
        move(seg.log(), settings.quarantineDirectory());
        move(seg.idx(), settings.quarantineDirectory());
        orphans.remove(seg.id());
        stats.segmentsQuarantined.incrementAndGet();
        log.error("ringtap quarantined corrupt commit-log segment {} (unreadable after position {}) to {}: {}",
                seg.log(), e.lastGoodPosition(), settings.quarantineDirectory(), e.getMessage());
    }

    private void removeStaleIdx(SegmentFiles seg) throws IOException {
        // an idx whose log is gone: left over by a retirement interrupted between its two deletes
        CdcIndex idx = CdcIndex.read(seg.idx());
        if (seg.id() < resumeSegment || idx != null && idx.completed()) {
            Files.deleteIfExists(seg.idx());
        }
    }

    private static Path idxOf(Path log) {
        String name = log.getFileName().toString();
        return log.resolveSibling(name.substring(0, name.length() - ".log".length()) + "_cdc.idx");
    }

    private static void move(Path file, Path directory) throws IOException {
        if (file != null && Files.exists(file)) {
            Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void updatePending(List<SegmentFiles> segments) {
        long count = 0;
        long bytes = 0;
        for (SegmentFiles s : segments) {
            if (s.log() != null) {
                count++;
                try {
                    bytes += Files.size(s.log());
                } catch (IOException e) {
                    // retired meanwhile
                }
            }
        }
        stats.segmentsPending.set(count);
        stats.bytesPending.set(bytes);
    }

    private void recordDropped(ReadResult result) {
        for (Map.Entry<String, Long> e : result.droppedTableMutations().entrySet()) {
            if (e.getValue() > 0 && stats.addDropped(e.getKey(), e.getValue())) {
                log.warn("ringtap skipped {} mutation(s) of dropped table id {}: the table no longer exists",
                        e.getValue(), e.getKey());
            }
        }
    }

    private void recordLastTs() {
        if (lastMutation == null) {
            return;
        }
        long max = 0;
        for (EavEvent e : lastMutation.events()) {
            max = Math.max(max, topLevelTs(e.json()));
        }
        if (max > 0) {
            stats.lastCapturedTs.set(max);
        }
    }

    /** The event's top-level {@code ts}, or 0. */
    static long topLevelTs(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if ("ts".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    return p.getLongValue();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static final class OrphanObservation {
        final long size;
        final FileTime mtime;
        final long since;

        OrphanObservation(long size, FileTime mtime, long since) {
            this.size = size;
            this.mtime = mtime;
            this.since = since;
        }
    }
}
