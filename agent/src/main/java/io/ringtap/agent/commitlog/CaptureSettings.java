package io.ringtap.agent.commitlog;

import java.nio.file.Path;
import java.util.Objects;

/** The follower's settings, as plain values (the composition root maps ringtap.yaml onto them). */
public final class CaptureSettings {
    private final Path cdcRawDirectory;
    private final Path quarantineDirectory;
    private boolean readAhead;
    private long pollIntervalMs = 50;
    private Path archiveDirectory;
    private long orphanGraceMs = 2_000;
    private long maxBackoffMs = 30_000;

    /**
     * @param cdcRawDirectory     Cassandra's cdc_raw ({@code capture.cdc-raw-directory})
     * @param quarantineDirectory where corrupt segments go ({@code capture.quarantine-directory})
     */
    public CaptureSettings(Path cdcRawDirectory, Path quarantineDirectory) {
        this.cdcRawDirectory = Objects.requireNonNull(cdcRawDirectory, "cdcRawDirectory");
        this.quarantineDirectory = Objects.requireNonNull(quarantineDirectory, "quarantineDirectory");
    }

    /** {@code capture.read-ahead}: also take entries written beyond the idx offset (not yet fsynced). */
    public CaptureSettings readAhead(boolean value) {
        this.readAhead = value;
        return this;
    }

    /** {@code capture.poll-interval-ms}. */
    public CaptureSettings pollIntervalMs(long value) {
        if (value <= 0) throw new IllegalArgumentException("poll interval must be positive: " + value);
        this.pollIntervalMs = value;
        return this;
    }

    /**
     * {@code capture.retired-segments: archive} with {@code capture.archive-directory}; {@code null} (the
     * default) deletes retired segments.
     */
    public CaptureSettings archiveDirectory(Path value) {
        this.archiveDirectory = value;
        return this;
    }

    /**
     * How long a log without idx that is older than a segment with idx must stay unchanged before it is read
     * and retired (default 2 s; such a segment holds later segments back meanwhile).
     */
    public CaptureSettings orphanGraceMs(long value) {
        this.orphanGraceMs = value;
        return this;
    }

    /** Upper bound of the back-off after repeated errors. */
    public CaptureSettings maxBackoffMs(long value) {
        this.maxBackoffMs = value;
        return this;
    }

    public Path cdcRawDirectory() { return cdcRawDirectory; }
    public Path quarantineDirectory() { return quarantineDirectory; }
    public boolean readAhead() { return readAhead; }
    public long pollIntervalMs() { return pollIntervalMs; }
    public Path archiveDirectory() { return archiveDirectory; }
    public long orphanGraceMs() { return orphanGraceMs; }
    public long maxBackoffMs() { return maxBackoffMs; }
}
