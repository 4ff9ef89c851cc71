package io.ringtap.lab;

import java.util.Locale;

/** Cassandra's {@code commitlog_sync} modes, each with the yaml block it needs. */
public enum SyncMode {
    PERIODIC("commitlog_sync: periodic\ncommitlog_sync_period: 10000ms"),
    GROUP("commitlog_sync: group\ncommitlog_sync_group_window: 15ms"),
    BATCH("commitlog_sync: batch");

    private final String yaml;

    SyncMode(String yaml) {
        this.yaml = yaml;
    }

    /** The cassandra.yaml lines selecting this mode. */
    public String yaml() {
        return yaml;
    }

    public static SyncMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LabException("unknown commitlog sync mode '" + value + "' (periodic|group|batch)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
