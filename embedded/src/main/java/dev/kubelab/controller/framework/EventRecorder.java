package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events the way client-go's {@code tools/record} recorder does, for any component
 * (controllers, kube-scheduler, kubelet):
 * <ul>
 *   <li>Event name {@code <involvedObject.name>.<hex UnixNano>}, namespace of the involved object
 *       ({@code default} for cluster-scoped objects), {@code source.component}/{@code host} and
 *       {@code reportingComponent}/{@code reportingInstance} set from the recorder's source;</li>
 *   <li>an identical event (same source, object, type, reason, message) seen again increments
 *       {@code count} and patches {@code lastTimestamp} instead of creating a new Event (EventLogger);</li>
 *   <li>more than 10 events differing only by message within 10 minutes are combined into one event whose
 *       message is {@code "(combined from similar events): <latest message>"} (EventAggregator);</li>
 *   <li>per source+object token bucket of burst 25, refilling one token every 5 minutes (spam filter).</li>
 * </ul>
 * Events are written asynchronously on one thread; failures are logged, never thrown (as client-go).
 */
public final class EventRecorder implements AutoCloseable {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_CACHE = 4096;
    private static final int AGGREGATE_MAX_EVENTS = 10;
    private static final long AGGREGATE_INTERVAL_SECONDS = 600;
    private static final double SPAM_BURST = 25;
    private static final double SPAM_QPS = 1.0 / 300;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final Clock clock;
    private final ExecutorService writer;
    private final Map<String, Aggregate> aggregates = lru();
    private final Map<String, Observed> observed = lru();
    private final Map<String, double[]> spam = lru();

    public EventRecorder(KubernetesClient client, String component) {
        this(client, component, null, Clock.systemUTC());
    }

    /** @param host the node name for node-local components (kubelet), else {@code null} */
    public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, component + "-events");
            t.setDaemon(true);
            return t;
        });
    }

    public String component() {
        return component;
    }

    public void event(HasMetadata object, String type, String reason, String message) {
        event(referenceTo(object), type, reason, message);
    }

    public void eventf(HasMetadata object, String type, String reason, String format, Object... args) {
        event(object, type, reason, String.format(format, args));
    }

    public void event(ObjectReference ref, String type, String reason, String message) {
        Instant now = clock.instant();
        Event event;
        synchronized (this) {
            event = correlate(ref, type, reason, message, now);
        }
        if (event == null) {
            return;
        }
        try {
            writer.execute(() -> write(event));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Recorder closed: the component is stopping, dropping the event is what client-go does too.
        }
    }

    /** Builds the ObjectReference client-go's {@code reference.GetReference} would. */
    public static ObjectReference referenceTo(HasMetadata object) {
        return new ObjectReferenceBuilder()
                .withKind(object.getKind())
                .withApiVersion(object.getApiVersion())
                .withNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .build();
    }

    /** Aggregation, de-duplication and spam filtering; returns the event to write or {@code null} to drop it. */
    private Event correlate(ObjectReference ref, String type, String reason, String message, Instant now) {
        String objectKey = String.join("\u0000", component, nz(host), nz(ref.getKind()), nz(ref.getNamespace()),
                nz(ref.getName()), nz(ref.getFieldPath()), nz(ref.getUid()), nz(ref.getApiVersion()));
        String aggregateKey = String.join("\u0000", objectKey, nz(type), nz(reason));
        Aggregate agg = aggregates.get(aggregateKey);
        if (agg == null || now.getEpochSecond() - agg.last.getEpochSecond() > AGGREGATE_INTERVAL_SECONDS) {
            agg = new Aggregate();
            aggregates.put(aggregateKey, agg);
        }
        agg.last = now;
        agg.messages.add(message);
        String eventKey;
        String effectiveMessage = message;
        if (agg.messages.size() < AGGREGATE_MAX_EVENTS) {
            eventKey = String.join("\u0000", aggregateKey, message);
        } else {
            agg.messages.remove(agg.messages.iterator().next());
            eventKey = aggregateKey;
            effectiveMessage = "(combined from similar events): " + message;
        }
        if (!allowedBySpamFilter(objectKey, now)) {
            return null;
        }
        String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? "default" : ref.getNamespace();
        String ts = RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS));
        Observed last = observed.get(eventKey);
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(last != null ? last.name
                        : ref.getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(ref)
                .withReason(reason)
                .withMessage(effectiveMessage)
                .withType(type)
                .withSource(new EventSource(component, host))
                .withReportingComponent(component)
                .withReportingInstance(host == null ? "" : host)
                .withFirstTimestamp(last != null ? last.firstTimestamp : ts)
                .withLastTimestamp(ts)
                .withCount(last != null ? last.count + 1 : 1)
                .build();
        observed.put(eventKey, new Observed(event.getMetadata().getName(), event.getFirstTimestamp(), event.getCount()));
        return event;
    }

    private boolean allowedBySpamFilter(String key, Instant now) {
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        double[] bucket = spam.computeIfAbsent(key, k -> new double[] {SPAM_BURST, nowSeconds});
        bucket[0] = Math.min(SPAM_BURST, bucket[0] + (nowSeconds - bucket[1]) * SPAM_QPS);
        bucket[1] = nowSeconds;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }

    private void write(Event event) {
        var events = client.v1().events().inNamespace(event.getMetadata().getNamespace());
        try {
            if (event.getCount() > 1) {
                String patch = "{\"count\":" + event.getCount() + ",\"lastTimestamp\":\"" + event.getLastTimestamp()
                        + "\",\"message\":" + quote(event.getMessage()) + "}";
                try {
                    events.withName(event.getMetadata().getName())
                            .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                    // The Event expired or was deleted: record it afresh, as client-go does.
                }
            }
            events.resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 403 && String.valueOf(e.getMessage()).contains("being terminated")) {
                return; // already exists / namespace terminating: client-go drops these silently
            }
            LOG.debug("{}: could not write event {} {}: {}", component, event.getReason(),
                    event.getMetadata().getName(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("{}: could not write event {}: {}", component, event.getReason(), e.toString());
        }
    }

    /** Waits until queued events are written (tests and orderly shutdown). */
    public void flush() {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closed or interrupted: nothing left to flush
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_CACHE;
            }
        };
    }

    private static final class Aggregate {
        final LinkedHashSet<String> messages = new LinkedHashSet<>();
        Instant last;
    }

    private record Observed(String name, String firstTimestamp, int count) {
    }

}
