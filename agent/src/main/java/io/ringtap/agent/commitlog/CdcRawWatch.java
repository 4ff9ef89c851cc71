package io.ringtap.agent.commitlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the capture loop as soon as a file in cdc_raw is created or written (inotify on Linux), instead of
 * only every {@code capture.poll-interval-ms}. Cassandra rewrites {@code <segment>_cdc.idx} with plain writes
 * and hard-links each new segment into cdc_raw, so idx-following capture reacts to both at once. Segment data
 * is written through mmap, which raises no event: read-ahead still depends on the poll interval. The poll
 * interval stays the fallback in every case (events can be lost on queue overflow, remote file systems raise
 * none, and a platform without a watch service gives plain polling).
 *
 * <p>No wake-up is lost: events raised while a pass runs stay queued and end the next wait at once.
 */
final class CdcRawWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdcRawWatch.class);

    private WatchService service;

    private CdcRawWatch(WatchService service) {
        this.service = service;
    }

    /** Watches {@code directory}; falls back to plain sleeping (logged once) when it cannot be watched. */
    static CdcRawWatch open(Path directory) {
        WatchService ws = null;
        try {
            ws = directory.getFileSystem().newWatchService();
            directory.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return new CdcRawWatch(ws);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(ws);
            log.info("ringtap capture: cannot watch {} ({}); polling it every capture.poll-interval-ms",
                    directory, e.toString());
            return new CdcRawWatch(null);
        }
    }

    /** True when changes wake {@link #await}; false when it only sleeps. */
    boolean watching() {
        return service != null;
    }

    /**
     * Waits until something in the directory was created or written since the previous call, or {@code maxMs}
     * passed, whichever comes first.
     *
     * @return true when woken by a change
     */
    boolean await(long maxMs) throws InterruptedException {
        if (service == null) {
            Thread.sleep(maxMs);
            return false;
        }
        try {
            WatchKey key = service.poll(maxMs, TimeUnit.MILLISECONDS);
            if (key == null) {
                return false;
            }
            // coalesce: one pass serves every change queued so far
            for (; key != null; key = service.poll()) {
                key.pollEvents();
                if (!key.reset()) {
                    lost("the directory is no longer watchable");
                    return true;
                }
            }
            return true;
        } catch (ClosedWatchServiceException e) {
            lost("the watch service closed");
            return true;
        }
    }

    private void lost(String why) {
        log.info("ringtap capture: stopped watching cdc_raw ({}); polling it every capture.poll-interval-ms", why);
        closeQuietly(service);
        service = null;
    }

    @Override
    public void close() {
        closeQuietly(service);
        service = null;
    }

    private static void closeQuietly(WatchService ws) {
        if (ws == null) {
            return;
        }
        try {
            ws.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
