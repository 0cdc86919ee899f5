package dev.kubelab.kernel.magic;

/** Bad arguments or an unknown magic: a one-line message naming the fix (usage, close matches). */
public class MagicUsageException extends MagicException {
    public MagicUsageException(String message) {
        super(message);
    }
}
