package io.ringtap.lab;

/** A lab operation failed; the message is one line a person can act on. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
