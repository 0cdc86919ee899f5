package dev.kubelab.controller.framework;

/**
 * One control loop of the embedded kube-controller-manager, as in kube-controller-manager's
 * {@code --controllers} list (deployment, replicaset, nodelifecycle, …).
 *
 * <p>A controller sees the cluster only through the Kubernetes API (its own fabric8 client, whose
 * user agent names the controller). {@link #start()} starts its informers and worker threads and
 * returns; {@link #stop()} stops them and waits briefly for workers to finish. A stopped controller
 * may be started again (failure drills stop and start the whole controller manager).
 */
public interface Controller extends AutoCloseable {

    /** The name used in kube-controller-manager's {@code --controllers} flag, e.g. {@code "deployment"}. */
    String name();

    /** Starts informers and workers; returns once they are running. */
    void start();

    /** Stops workers and informers; idempotent. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
