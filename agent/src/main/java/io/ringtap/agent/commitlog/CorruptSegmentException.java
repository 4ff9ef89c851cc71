package io.ringtap.agent.commitlog;

/** A segment that cannot be decoded past some point: fatal for that segment, not for capture. */
public final class CorruptSegmentException extends Exception {
    private final int lastGoodPosition;

    public CorruptSegmentException(String message, int lastGoodPosition, Throwable cause) {
        super(message, cause);
        this.lastGoodPosition = lastGoodPosition;
    }

    /** The position just after the last mutation decoded successfully. */
    public int lastGoodPosition() {
        return lastGoodPosition;
    }
}
