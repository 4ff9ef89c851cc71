package io.ringtap.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the agent's one-time status line ({@code ringtap agent ready} / {@code ringtap agent disabled:}) in system.log. */
final class AgentLog {
    static final String READY = "ringtap agent ready";
    static final String DISABLED = "ringtap agent disabled:";

    private AgentLog() {
    }

    /** The first status line at or after byte {@code offset} (the log's size when the node was started). */
    static Optional<String> find(Path systemLog, long offset) {
        if (!Files.isRegularFile(systemLog)) {
            return Optional.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(systemLog.toFile(), "r")) {
            if (offset > f.length()) {
                offset = 0; // log was replaced
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.contains(READY) || line.contains(DISABLED)) {
                    return Optional.of(line.trim());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
