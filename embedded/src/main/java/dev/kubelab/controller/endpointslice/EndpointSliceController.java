package dev.kubelab.controller.endpointslice;

import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.Selectors;
import dev.kubelab.controller.framework.ServicePorts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kube-controller-manager's endpointslice controller: for each Service with a selector, EndpointSlices
 * ({@code generateName: <service>-}, owned by the Service, labelled {@code kubernetes.io/service-name} and
 * {@code endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}) with one endpoint per pod IP and
 * its ready/serving/terminating conditions; one slice per distinct port set, at most 100 endpoints each
 * ({@code --max-endpoints-per-slice}).
 */
public final class EndpointSliceController extends QueueController {
    public static final String SERVICE_NAME = "kubernetes.io/service-name";
    public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    public static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    private final int maxPerSlice;

    public EndpointSliceController(ControllerContext ctx) {
        super("endpointslice", ctx, ctx.intFlag("concurrent-service-endpoint-syncs", 5));
        this.maxPerSlice = ctx.intFlag("max-endpoints-per-slice", 100);
    }

    @Override
    protected void registerHandlers() {
        watchAll(Service.class, this::enqueue);
        watchAll(Pod.class, pod -> {
            for (Service s : ctx.informers().list(Service.class, pod.getMetadata().getNamespace())) {
                if (Selectors.matchesMap(s.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                    enqueue(s);
                }
            }
        });
        watchAll(EndpointSlice.class, slice -> {
            var labels = slice.getMetadata().getLabels();
            if (labels != null && CONTROLLER_NAME.equals(labels.get(MANAGED_BY)) && labels.get(SERVICE_NAME) != null) {
                enqueue(Keys.of(slice.getMetadata().getNamespace(), labels.get(SERVICE_NAME)));
            }
        });
    }

    @Override
    protected void sync(String key) {
        String ns = Keys.namespace(key);
        String name = Keys.name(key);
        Service svc = ctx.informers().get(Service.class, key);
        List<EndpointSlice> existing = ctx.informers().list(EndpointSlice.class, ns).stream().filter(s -> {
            var l = s.getMetadata().getLabels();
            return l != null && name.equals(l.get(SERVICE_NAME)) && CONTROLLER_NAME.equals(l.get(MANAGED_BY));
        }).sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
        if (svc == null || svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
            // Slices of a deleted Service go with it (garbage collector); a selector-less Service has user slices.
            if (svc != null) {
                existing.forEach(s -> ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(s).delete());
            }
            return;
        }
        List<Desired> desired = desired(svc, ctx.informers().list(Pod.class, ns), maxPerSlice);
        Map<String, String> labels = new HashMap<>(svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels());
        labels.put(SERVICE_NAME, name);
        labels.put(MANAGED_BY, CONTROLLER_NAME);
        List<EndpointSlice> unused = new ArrayList<>(existing);
        List<Desired> toCreate = new ArrayList<>();
        for (Desired d : desired) {
            EndpointSlice same = unused.stream().filter(s -> Objects.equals(s.getPorts(), d.ports())).findFirst().orElse(null);
            if (same == null) {
                toCreate.add(d);
                continue;
            }
            unused.remove(same);
            if (Objects.equals(same.getEndpoints(), d.endpoints()) && Objects.equals(same.getMetadata().getLabels(), labels)) {
                continue;
            }
            EndpointSlice upd = new EndpointSliceBuilder(same).withEndpoints(d.endpoints()).build();
            upd.getMetadata().setLabels(labels);
            ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(upd).update();
        }
        for (Desired d : toCreate) {
            EndpointSlice reuse = unused.isEmpty() ? null : unused.remove(0);
            if (reuse != null) {
                EndpointSlice upd = new EndpointSliceBuilder(reuse).withEndpoints(d.endpoints()).withPorts(d.ports()).build();
                upd.getMetadata().setLabels(labels);
                ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(upd).update();
                continue;
            }
            ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(new EndpointSliceBuilder()
                    .withNewMetadata().withGenerateName(name + "-").withNamespace(ns).withLabels(labels)
                    .withOwnerReferences(OwnerRefs.controllerRef(svc)).endMetadata()
                    .withAddressType("IPv4")
                    .withEndpoints(d.endpoints())
                    .withPorts(d.ports())
                    .build()).create();
        }
        // Keep one (empty) slice for a Service with no endpoints, as the real controller does.
        if (desired.isEmpty() && existing.isEmpty()) {
            ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(new EndpointSliceBuilder()
                    .withNewMetadata().withGenerateName(name + "-").withNamespace(ns).withLabels(labels)
                    .withOwnerReferences(OwnerRefs.controllerRef(svc)).endMetadata()
                    .withAddressType("IPv4").withEndpoints(List.of()).build()).create();
            return;
        }
        for (EndpointSlice s : unused) {
            if (desired.isEmpty() && unused.size() == existing.size() && s == unused.get(0)) {
                if (s.getEndpoints() != null && !s.getEndpoints().isEmpty()) {
                    ctx.client().discovery().v1().endpointSlices().inNamespace(ns)
                            .resource(new EndpointSliceBuilder(s).withEndpoints(List.of()).build()).update();
                }
                continue;
            }
            ctx.client().discovery().v1().endpointSlices().inNamespace(ns).resource(s).delete();
        }
    }

    record Desired(List<EndpointPort> ports, List<Endpoint> endpoints) {
    }

    static List<Desired> desired(Service svc, List<Pod> pods, int maxPerSlice) {
        Map<List<EndpointPort>, List<Endpoint>> byPorts = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!Selectors.matchesMap(svc.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                continue;
            }
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            String phase = Pods.phase(pod);
            if (ip == null || ip.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            boolean terminating = Pods.isTerminating(pod);
            boolean ready = Pods.isReady(pod);
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : svc.getSpec().getPorts() == null ? List.<ServicePort>of() : svc.getSpec().getPorts()) {
                int port = ServicePorts.findPort(pod, sp);
                if (port >= 0) {
                    ports.add(new EndpointPort(sp.getAppProtocol(), sp.getName(), port, sp.getProtocol() == null ? "TCP" : sp.getProtocol()));
                }
            }
            boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
            Endpoint ep = new EndpointBuilder()
                    .withAddresses(ip)
                    .withNewConditions()
                    .withReady(publishNotReady || ready && !terminating)
                    .withServing(ready)
                    .withTerminating(terminating)
                    .endConditions()
                    .withNodeName(pod.getSpec().getNodeName())
                    .withNewTargetRef().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endTargetRef()
                    .build();
            if (pod.getSpec().getHostname() != null && svc.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
                ep.setHostname(pod.getSpec().getHostname());
            }
            byPorts.computeIfAbsent(ports, p -> new ArrayList<>()).add(ep);
        }
        List<Desired> out = new ArrayList<>();
        byPorts.forEach((ports, eps) -> {
            eps.sort(Comparator.comparing(e -> e.getAddresses().get(0)));
            for (int i = 0; i < eps.size(); i += maxPerSlice) {
                out.add(new Desired(ports, new ArrayList<>(eps.subList(i, Math.min(eps.size(), i + maxPerSlice)))));
            }
        });
        return out;
    }
}
