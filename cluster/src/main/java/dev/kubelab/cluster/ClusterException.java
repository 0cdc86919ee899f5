package dev.kubelab.cluster;

/**
 * A cluster operation failed for a reason a learner can act on. The message is one line that says what is
 * wrong and what to do; callers show it as is, without a stack trace.
 */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
