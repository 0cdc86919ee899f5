package dev.kubelab.kubelet;

/** An error the kubelet's HTTP API answers with {@link #code()} and a one-line message. */
public final class KubeletException extends RuntimeException {
    private final int code;

    public KubeletException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
