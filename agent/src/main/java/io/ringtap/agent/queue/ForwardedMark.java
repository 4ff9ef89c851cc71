package io.ringtap.agent.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The queue index up to which a forwarder has committed everything to Kafka, kept in a small file in the
 * queue's directory ({@value #FILE_NAME}) so that whoever appends can size the backlog against
 * {@code queue.max-bytes} even when the forwarder is another process. Written only after a Kafka commit,
 * so it is never ahead of Kafka; it may lag (it is written at most about once a second). It is a hint for
 * the cap only: the forwarder resumes from Kafka's offsets topic, never from this file.
 */
public final class ForwardedMark {
    /** File name inside the queue directory. */
    public static final String FILE_NAME = "ringtap-forwarded.mark";
    /** No mark: nothing is known to be forwarded. */
    public static final long NONE = -1L;

    private final Path file;
    private final Path temp;

    private ForwardedMark(Path directory) {
        this.file = directory.resolve(FILE_NAME);
        this.temp = directory.resolve(FILE_NAME + ".tmp");
    }

    public static ForwardedMark in(Path queueDirectory) {
        return new ForwardedMark(queueDirectory);
    }

    /** The last index written, or {@link #NONE} when there is no (readable) mark. */
    public long read() {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? NONE : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException | NumberFormatException e) {
            // a torn or foreign file counts as no mark: the cap then counts every byte, the safe side
            return NONE;
        }
    }

    /** Replaces the mark atomically (a reader sees the old index or the new one, never a mix). */
    public void write(long index) throws IOException {
        Files.write(temp, (index + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
