package dev.kubelab.scheduler.client;

import dev.kubelab.client.AsyncRest;
import dev.kubelab.client.SerialCalls;
import dev.kubelab.scheduler.framework.EventRecorder;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-scheduler's API calls over fabric8's HTTP client (asynchronous, so hundreds of bindings can be
 * in flight): {@code POST pods/{name}/binding}, {@code PATCH pods/{name}/status} (strategic merge),
 * {@code DELETE pods/{name}}, and core/v1 Events shaped as kube-scheduler's events.k8s.io recorder
 * writes them (reportingController "default-scheduler", reportingInstance "default-scheduler-&lt;host&gt;",
 * action, eventTime; no source/count/firstTimestamp, as the events API leaves them). Bindings and status patches
 * go out at once; events are written one at a time from a bounded queue, as the event broadcaster's goroutine does
 * ({@link SerialCalls}), so a burst of {@code Scheduled} events never delays the bindings behind it.
 */
public final class Fabric8SchedulerClient implements SchedulerClient, EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric8SchedulerClient.class);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final AsyncRest rest;
    private final KubernetesSerialization serialization;
    private final String reportingController;
    private final String reportingInstance;
    /** The event broadcaster's queue: events are written one at a time, at most 1000 waiting. */
    private final SerialCalls eventSink = new SerialCalls(SerialCalls.MAX_QUEUED);

    public Fabric8SchedulerClient(KubernetesClient client, String reportingController, String hostname) {
        this.rest = new AsyncRest(client);
        this.serialization = rest.serialization();
        this.reportingController = reportingController;
        this.reportingInstance = reportingController + "-" + hostname;
    }

    private static String podUrl(Pod pod, String sub) {
        return AsyncRest.podPath(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), sub);
    }

    private static String enc(String s) {
        return AsyncRest.enc(s);
    }

    @Override
    public CompletionStage<Void> bind(Pod pod, String nodeName) {
        Binding b = new BindingBuilder()
                .withNewMetadata().withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(nodeName).endTarget()
                .build();
        return send("POST", podUrl(pod, "binding"), "application/json", serialization.asJson(b));
    }

    @Override
    public CompletionStage<Void> patchPodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (condition != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", condition.getType());
            c.put("status", condition.getStatus());
            c.put("lastProbeTime", null);
            c.put("lastTransitionTime", condition.getLastTransitionTime());
            c.put("reason", condition.getReason());
            c.put("message", condition.getMessage());
            status.put("conditions", List.of(c));
        }
        if (nominatedNodeName != null) {
            status.put("nominatedNodeName", nominatedNodeName.isEmpty() ? null : nominatedNodeName);
        }
        String body = serialization.asJson(Map.of("status", status));
        return send("PATCH", podUrl(pod, "status"), "application/strategic-merge-patch+json", body);
    }

    @Override
    public CompletionStage<Void> deletePod(Pod pod) {
        return send("DELETE", podUrl(pod, null), "application/json", "{}");
    }

    /**
     * The events.k8s.io recorder's aggregation: events with the same action, reason, controller, regarding
     * and related objects (not the note) within 6 minutes form a series — the first is created, the second
     * patches {@code series.count: 2}, later ones only count and are flushed by the 30-minute heartbeat.
     */
    private record IsomorphicKey(String action, String reason, ObjectReference regarding, ObjectReference related) {}

    private static final class Series {
        final String namespace;
        final String name;
        int count = 1;
        Instant lastObserved;
        boolean dirty;

        Series(String namespace, String name, Instant now) {
            this.namespace = namespace;
            this.name = name;
            this.lastObserved = now;
        }
    }

    private final Map<IsomorphicKey, Series> eventCache = new java.util.HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService seriesRefresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kube-scheduler-event-series");
                t.setDaemon(true);
                return t;
            });

    {
        seriesRefresher.scheduleWithFixedDelay(this::finishSeries, 6, 6, java.util.concurrent.TimeUnit.MINUTES);
        seriesRefresher.scheduleWithFixedDelay(this::refreshExistingEventSeries, 30, 30, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** Stops the series heartbeat thread; events still queued are dropped (the process ends). */
    public void close() {
        seriesRefresher.shutdownNow();
        eventSink.close();
    }

    private void finishSeries() {
        Instant cutoff = Instant.now().minusSeconds(6 * 60);
        synchronized (eventCache) {
            eventCache.values().removeIf(s -> s.lastObserved.isBefore(cutoff));
        }
    }

    private void refreshExistingEventSeries() {
        List<Series> dirty = new java.util.ArrayList<>();
        synchronized (eventCache) {
            for (Series s : eventCache.values()) {
                if (s.dirty && s.count > 1) {
                    s.dirty = false;
                    dirty.add(s);
                }
            }
        }
        dirty.forEach(this::patchSeries);
    }

    private void patchSeries(Series s) {
        String body = serialization.asJson(Map.of("series", Map.of("count", s.count, "lastObservedTime", MICRO_TIME.format(s.lastObserved))));
        // queued behind the create of the same event: the sink writes in order
        record("PATCH", "/api/v1/namespaces/" + enc(s.namespace) + "/events/" + enc(s.name), "application/merge-patch+json", body, "series");
    }

    /** Queues an event write; failures are logged at debug level and dropped, as the broadcaster does. */
    private void record(String method, String path, String contentType, String body, String what) {
        boolean queued = eventSink.submit(() -> rest.send(method, path, contentType, body).handle((ok, err) -> {
            if (err != null) {
                LOG.debug("could not record event ({}) at {}: {}", what, path, err.toString());
            }
            return null;
        }));
        if (!queued) {
            LOG.debug("event queue full: dropped event ({}) at {}", what, path);
        }
    }

    @Override
    public void eventf(Pod regarding, Pod related, String type, String reason, String action, String note) {
        Instant now = Instant.now();
        String ns = regarding.getMetadata().getNamespace();
        IsomorphicKey key = new IsomorphicKey(action, reason, reference(regarding), related == null ? null : reference(related));
        synchronized (eventCache) {
            Series s = eventCache.get(key);
            if (s != null) {
                s.count++;
                s.lastObserved = now;
                if (s.count == 2) {
                    patchSeries(s);
                } else {
                    s.dirty = true;
                }
                return;
            }
        }
        String name = regarding.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        Series series = new Series(ns, name, now);
        synchronized (eventCache) {
            eventCache.put(key, series);
        }
        Event e = new EventBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withInvolvedObject(reference(regarding))
                .withRelated(related == null ? null : reference(related))
                .withType(type).withReason(reason).withAction(action).withMessage(note)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingComponent(reportingController).withReportingInstance(reportingInstance)
                .build();
        record("POST", "/api/v1/namespaces/" + enc(ns) + "/events", "application/json", serialization.asJson(e), reason);
    }

    private static ObjectReference reference(Pod p) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
                .withUid(p.getMetadata().getUid()).withResourceVersion(p.getMetadata().getResourceVersion()).build();
    }

    private CompletableFuture<Void> send(String method, String path, String contentType, String body) {
        return rest.send(method, path, contentType, body).thenApply(x -> null);
    }
}
