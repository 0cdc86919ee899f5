package dev.kubelab.kernel.magic;

/** An expected failure of a magic, shown to the user as one line (no stack trace). */
public class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
