package dev.kubelab.kubelet;

import dev.kubelab.client.AsyncRest;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's status manager ({@code pkg/kubelet/status}): pod workers hand it the status they computed and go
 * on; one loop per kubelet writes statuses to the API server ({@code PATCH pods/<name>/status}) one at a time, and
 * always the latest one — a status superseded before its turn is never sent, as {@code syncPod} sends the cached
 * newest version. After a terminated pod's final status is written it deletes the pod with grace period 0 and a UID
 * precondition, the kubelet's last word on a pod. A failed write is retried ({@code syncBatch} runs every 10 s; here
 * after a second). Non-blocking: requests go out on the client's event loop, no kubelet thread waits for them.
 * While the kubelet is stopped nothing is sent; what is pending goes out when it starts again.
 */
final class StatusManager {
    private static final Logger LOG = LoggerFactory.getLogger(StatusManager.class);
    private static final long RETRY_MILLIS = 1000;

    private final String node;
    private final AsyncRest rest;
    private final ScheduledExecutorService timers;
    /** Pods with something to write, oldest request first; guarded by this. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean running;
    private boolean inFlight;
    private boolean retryScheduled;

    /** What is to be written for one pod: its latest status and/or the final delete. */
    private static final class Pending {
        final String namespace;
        final String name;
        final String uid;
        String status;
        boolean delete;

        Pending(String namespace, String name, String uid) {
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
        }

        String key() {
            return Kubelet.key(namespace, name);
        }
    }

    StatusManager(String node, KubernetesClient client, ScheduledExecutorService timers) {
        this.node = node;
        this.rest = new AsyncRest(client);
        this.timers = timers;
    }

    /** The pod's newest status ({@code PodStatus} as JSON); replaces one not yet written. */
    void setPodStatus(String namespace, String name, String uid, String statusJson) {
        synchronized (this) {
            entry(namespace, name, uid).status = statusJson;
        }
        drain();
    }

    /** Delete the pod (grace period 0, UID precondition) once its pending status, if any, is written. */
    void deletePod(String namespace, String name, String uid) {
        synchronized (this) {
            entry(namespace, name, uid).delete = true;
        }
        drain();
    }

    /** The pod is gone from the API: nothing more to write for it. */
    synchronized void forget(String namespace, String name) {
        pending.remove(Kubelet.key(namespace, name));
    }

    void start() {
        synchronized (this) {
            running = true;
        }
        drain();
    }

    synchronized void stop() {
        running = false;
    }

    /** Writes not yet made (for tests and status). */
    synchronized int pendingCount() {
        return pending.size() + (inFlight ? 1 : 0);
    }

    private Pending entry(String namespace, String name, String uid) {
        String key = Kubelet.key(namespace, name);
        Pending p = pending.get(key);
        if (p == null || uid != null && !uid.equals(p.uid)) {
            // a new pod under the same name replaces whatever was pending for the old one
            p = new Pending(namespace, name, uid);
            pending.remove(key);
            pending.put(key, p);
        }
        return p;
    }

    /** Starts the next write if none is in flight. */
    private void drain() {
        Pending p;
        synchronized (this) {
            if (!running || inFlight || retryScheduled || pending.isEmpty()) {
                return;
            }
            Iterator<Pending> it = pending.values().iterator();
            p = it.next();
            it.remove();
            inFlight = true;
        }
        CompletableFuture<?> write;
        try {
            write = p.status != null ? patchStatus(p) : CompletableFuture.completedFuture(null);
            if (p.delete) {
                write = write.thenCompose(x -> deleteFinally(p));
            }
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((x, err) -> written(p, err));
    }

    private void written(Pending p, Throwable err) {
        int code = err == null ? 0 : AsyncRest.code(err);
        boolean retry = err != null && code != 404 && code != 409;
        synchronized (this) {
            inFlight = false;
            if (retry) {
                LOG.debug("kubelet {}: status of {} not written, retrying: {}", node, p.key(), err.toString());
                // keep the newer request if one came meanwhile, else write this one again
                Pending newer = pending.get(p.key());
                if (newer == null) {
                    pending.put(p.key(), p);
                } else if (newer.uid == null || newer.uid.equals(p.uid)) {
                    newer.delete |= p.delete;
                }
                retryScheduled = true;
            }
        }
        if (retry) {
            try {
                timers.schedule(() -> {
                    synchronized (this) {
                        retryScheduled = false;
                    }
                    drain();
                }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                // the node simulator is closing
            }
            return;
        }
        drain();
    }

    private CompletableFuture<String> patchStatus(Pending p) {
        return rest.send("PATCH", AsyncRest.podPath(p.namespace, p.name, "status"), "application/merge-patch+json",
                "{\"status\":" + p.status + "}");
    }

    private CompletableFuture<String> deleteFinally(Pending p) {
        String body = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0"
                + (p.uid == null ? "" : ",\"preconditions\":{\"uid\":\"" + p.uid + "\"}") + "}";
        return rest.send("DELETE", AsyncRest.podPath(p.namespace, p.name, null), "application/json", body);
    }
}
