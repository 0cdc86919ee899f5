package dev.kubelab.scheduler.client;

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
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * action, eventTime; no source/count/firstTimestamp, as the events API leaves them).
 */
public final class Fabric8SchedulerClient implements SchedulerClient, EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric8SchedulerClient.class);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final HttpClient http;
    private final String base;
    private final KubernetesSerialization serialization;
    private final String reportingController;
    private final String reportingInstance;

    public Fabric8SchedulerClient(KubernetesClient client, String reportingController, String hostname) {
        this.http = client.getHttpClient();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.serialization = client.getKubernetesSerialization();
        this.reportingController = reportingController;
        this.reportingInstance = reportingController + "-" + hostname;
    }

    private String podUrl(Pod pod, String sub) {
        return base + "/api/v1/namespaces/" + enc(pod.getMetadata().getNamespace()) + "/pods/" + enc(pod.getMetadata().getName())
                + (sub == null ? "" : "/" + sub);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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

    @Override
    public void eventf(Pod regarding, Pod related, String type, String reason, String action, String note) {
        Instant now = Instant.now();
        String ns = regarding.getMetadata().getNamespace();
        Event e = new EventBuilder()
                .withNewMetadata().withNamespace(ns)
                .withName(regarding.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .endMetadata()
                .withInvolvedObject(reference(regarding))
                .withRelated(related == null ? null : reference(related))
                .withType(type).withReason(reason).withAction(action).withMessage(note)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingComponent(reportingController).withReportingInstance(reportingInstance)
                .build();
        send("POST", base + "/api/v1/namespaces/" + enc(ns) + "/events", "application/json", serialization.asJson(e))
                .exceptionally(err -> {
                    LOG.debug("could not record event {} on {}/{}: {}", reason, ns, regarding.getMetadata().getName(), err.toString());
                    return null;
                });
    }

    private static ObjectReference reference(Pod p) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
                .withUid(p.getMetadata().getUid()).withResourceVersion(p.getMetadata().getResourceVersion()).build();
    }

    private CompletableFuture<Void> send(String method, String url, String contentType, String body) {
        HttpRequest req = http.newHttpRequestBuilder().uri(url).method(method, contentType, body).build();
        return http.sendAsync(req, String.class).thenApply(resp -> {
            if (!resp.isSuccessful()) {
                throw new ApiException(resp.code(), statusMessage(resp.body(), resp.code()));
            }
            return null;
        });
    }

    /** The {@code message} of a returned Status, else the body. */
    private String statusMessage(String body, int code) {
        try {
            Map<?, ?> m = serialization.unmarshal(body, Map.class);
            Object msg = m.get("message");
            if (msg != null) {
                return msg.toString();
            }
        } catch (RuntimeException ignored) {
            // not a Status
        }
        return "HTTP " + code + (body == null ? "" : ": " + body);
    }

    /** A non-2xx answer; the message is the Status message kube-scheduler would log. */
    public static final class ApiException extends RuntimeException {
        private final int code;

        public ApiException(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
