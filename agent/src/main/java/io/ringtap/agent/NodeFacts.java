package io.ringtap.agent;

import java.nio.file.Path;
import java.util.Objects;

/** What the pipeline needs to know about the node it runs in, read once after the node started. */
public final class NodeFacts {
    private final String hostId;
    private final String datacenter;
    private final boolean cdcEnabled;
    private final Path cdcRawDirectory;
    private final Path commitLogDirectory;

    public NodeFacts(String hostId, String datacenter, boolean cdcEnabled, Path cdcRawDirectory, Path commitLogDirectory) {
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.datacenter = Objects.requireNonNull(datacenter, "datacenter");
        this.cdcEnabled = cdcEnabled;
        this.cdcRawDirectory = cdcRawDirectory;
        this.commitLogDirectory = commitLogDirectory;
    }

    /** The node's host id (a UUID string): names the node in event sources and the transactional id. */
    public String hostId() { return hostId; }
    public String datacenter() { return datacenter; }
    /** cassandra.yaml {@code cdc_enabled}. */
    public boolean cdcEnabled() { return cdcEnabled; }
    /** cassandra.yaml {@code cdc_raw_directory} (absolute), or {@code null} when Cassandra has none. */
    public Path cdcRawDirectory() { return cdcRawDirectory; }
    /** cassandra.yaml {@code commitlog_directory} (absolute), or {@code null}. */
    public Path commitLogDirectory() { return commitLogDirectory; }

    @Override
    public String toString() {
        return "node " + hostId + " dc " + datacenter;
    }
}
