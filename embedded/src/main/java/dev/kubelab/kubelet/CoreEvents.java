package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Writes core/v1 Events the way client-go's legacy event recorder does for the kubelet and the
 * node/taint-eviction controllers: named {@code <object>.<hex nanos>}, {@code source.component} and
 * {@code source.host}, and a repeat of the same reason+message on the same object bumps
 * {@code count} and {@code lastTimestamp} instead of creating a new Event (the correlator's
 * aggregation, simplified). Writes are asynchronous and best-effort, as in client-go.
 *
 * <p>(For controllers the controllers helper's {@code EventRecorder} is the one to use; the kubelet's
 * recorder is per node and carries {@code source.host}.)
 */
public final class CoreEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CoreEvents.class);
    private static final int REMEMBERED = 4096;
    /** client-go names events {@code <name>.<unix nanos in hex>}; kept strictly increasing so names never collide. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_NANOS = new java.util.concurrent.atomic.AtomicLong();

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final Executor executor;
    private final Map<String, Seen> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Seen(String namespace, String name, int count) {
    }

    /**
     * @param component {@code kubelet}, {@code node-controller}, {@code taint-eviction-controller}
     * @param host      the node name for the kubelet, null for controllers
     */
    public CoreEvents(KubernetesClient client, String component, String host, Executor executor) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.executor = executor;
    }

    /** Records an event about {@code involved} (its namespace is the event's namespace; "default" for cluster-scoped objects). */
    public void record(ObjectReference involved, String type, String reason, String message, Instant time) {
        String ns = involved.getNamespace() == null || involved.getNamespace().isEmpty() ? "default" : involved.getNamespace();
        String key = involved.getUid() + "|" + involved.getFieldPath() + "|" + type + "|" + reason + "|" + message;
        Seen previous;
        int count;
        synchronized (seen) {
            previous = seen.get(key);
            count = previous == null ? 1 : previous.count + 1;
        }
        String ts = Times.format(time);
        if (previous != null) {
            synchronized (seen) {
                seen.put(key, new Seen(previous.namespace, previous.name, count));
            }
            String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + ts + "\"}";
            executor.execute(() -> {
                try {
                    client.v1().events().inNamespace(previous.namespace).withName(previous.name)
                            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                } catch (RuntimeException e) {
                    LOG.debug("event {} not updated: {}", previous.name, e.getMessage());
                }
            });
            return;
        }
        long nanos = System.currentTimeMillis() * 1_000_000L;
        String name = involved.getName() + "." + Long.toHexString(LAST_NANOS.updateAndGet(p -> Math.max(p + 1, nanos)));
        synchronized (seen) {
            seen.put(key, new Seen(ns, name, 1));
        }
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withInvolvedObject(involved)
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withFirstTimestamp(ts).withLastTimestamp(ts).withCount(1)
                .withReportingComponent(component).withReportingInstance(host == null ? "" : host)
                .build();
        executor.execute(() -> {
            try {
                client.v1().events().inNamespace(ns).resource(event).create();
            } catch (RuntimeException e) {
                LOG.debug("event {} not written: {}", name, e.getMessage());
            }
        });
    }
}
