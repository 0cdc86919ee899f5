package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import dev.kubelab.client.AsyncRest;
import dev.kubelab.client.SerialCalls;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Events are written asynchronously, one at a time, from a queue of at most 1000 (client-go's broadcaster; more are
 * dropped), without a thread of their own; failures are logged, never thrown (as client-go).
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

    private final AsyncRest rest;
    private final String component;
    private final String host;
    private final Clock clock;
    private final SerialCalls sink = new SerialCalls(SerialCalls.MAX_QUEUED);
    private final Map<String, Aggregate> aggregates = lru();
    private final Map<String, Observed> observed = lru();
    private final Map<String, double[]> spam = lru();

    public EventRecorder(KubernetesClient client, String component) {
        this(client, component, null, Clock.systemUTC());
    }

    /** @param host the node name for node-local components (kubelet), else {@code null} */
    public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
        this.rest = new AsyncRest(client);
        this.component = component;
        this.host = host;
        this.clock = clock;
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
        if (!sink.submit(() -> write(event))) {
            // queue full, or the recorder closed as the component stops: client-go drops the event too
            LOG.debug("{}: dropped event {} {}", component, event.getReason(), event.getMetadata().getName());
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

    private CompletableFuture<Void> write(Event event) {
        String events = "/api/v1/namespaces/" + AsyncRest.enc(event.getMetadata().getNamespace()) + "/events";
        CompletableFuture<String> sent;
        if (event.getCount() > 1) {
            String patch = "{\"count\":" + event.getCount() + ",\"lastTimestamp\":\"" + event.getLastTimestamp()
                    + "\",\"message\":" + quote(event.getMessage()) + "}";
            sent = rest.send("PATCH", events + "/" + AsyncRest.enc(event.getMetadata().getName()), "application/strategic-merge-patch+json", patch)
                    // the Event expired or was deleted: record it afresh, as client-go does
                    .exceptionallyCompose(e -> AsyncRest.code(e) == 404 ? create(events, event) : CompletableFuture.failedFuture(e));
        } else {
            sent = create(events, event);
        }
        return sent.handle((ok, e) -> {
            if (e != null) {
                int code = AsyncRest.code(e);
                // already exists / namespace terminating: client-go drops these silently
                boolean expected = code == 409 || code == 403 && String.valueOf(e.getMessage()).contains("being terminated");
                if (!expected) {
                    LOG.debug("{}: could not write event {} {}: {}", component, event.getReason(), event.getMetadata().getName(), e.toString());
                }
            }
            return null;
        });
    }

    private CompletableFuture<String> create(String events, Event event) {
        return rest.send("POST", events, "application/json", rest.serialization().asJson(event));
    }

    /** Waits until queued events are written (tests and orderly shutdown). */
    public void flush() {
        flush(10);
    }

    private void flush(int seconds) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        if (!sink.submit(() -> {
            reached.complete(null);
            return CompletableFuture.completedFuture(null);
        })) {
            return; // closed, or full: nothing we could wait for
        }
        try {
            reached.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            // interrupted or slow: give up waiting
        }
    }

    @Override
    public void close() {
        flush(2);
        sink.close();
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
