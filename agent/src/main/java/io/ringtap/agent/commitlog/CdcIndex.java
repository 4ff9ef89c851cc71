package io.ringtap.agent.commitlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The content of a segment's {@code _cdc.idx}: the synced offset as ASCII digits, followed by
 * {@code \nCOMPLETED} once the segment is finished. Cassandra rewrites the file in place (truncate, write),
 * so a read can see it empty or cut short: such reads parse to {@code null} and are retried.
 */
public final class CdcIndex {
    private static final String COMPLETED = "\nCOMPLETED";

    private final int offset;
    private final boolean completed;

    public CdcIndex(int offset, boolean completed) {
        this.offset = offset;
        this.completed = completed;
    }

    /** The synced offset: every entry ending at or before it is durable in the commit log. */
    public int offset() { return offset; }

    /** Whether the segment is finished: nothing will be written to it any more. */
    public boolean completed() { return completed; }

    /**
     * Parses idx content; {@code null} when it is empty, cut short or otherwise not (yet) valid. A digit
     * prefix of a longer number parses as a smaller offset, which is harmless: offsets only bound reads.
     */
    public static CdcIndex parse(String content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        String digits = content;
        boolean completed = false;
        int nl = content.indexOf('\n');
        if (nl >= 0) {
            String rest = content.substring(nl);
            if (!rest.equals(COMPLETED) && !rest.equals(COMPLETED + "\n")) {
                return null;
            }
            digits = content.substring(0, nl);
            completed = true;
        }
        if (digits.isEmpty() || digits.length() > 10) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) {
            return null;
        }
        return new CdcIndex((int) value, completed);
    }

    /** Reads and parses an idx file; {@code null} when it is missing, empty or cut short. */
    public static CdcIndex read(Path idxFile) throws IOException {
        try {
            return parse(new String(Files.readAllBytes(idxFile), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return offset + (completed ? " COMPLETED" : "");
    }
}
