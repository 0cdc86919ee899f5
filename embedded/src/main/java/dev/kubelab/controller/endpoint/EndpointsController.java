package dev.kubelab.controller.endpoint;

import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.Selectors;
import dev.kubelab.controller.framework.ServicePorts;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kube-controller-manager's endpoints controller ({@code --controllers} name {@code endpoint}): for each Service
 * with a selector, an Endpoints object of the same name listing the IPs of matching pods — ready pods under
 * {@code addresses}, not-ready ones under {@code notReadyAddresses} — with ports resolved by name per pod and
 * subsets grouped by identical port sets (as RepackSubsets does).
 */
public final class EndpointsController extends QueueController {
    public EndpointsController(ControllerContext ctx) {
        super("endpoint", ctx, ctx.intFlag("concurrent-endpoint-syncs", 5));
    }

    @Override
    protected void registerHandlers() {
        watchAll(Service.class, this::enqueue);
        watchAll(Pod.class, this::onPod);
        watchAll(Endpoints.class, this::enqueue);
    }

    private void onPod(Pod pod) {
        for (Service s : ctx.informers().list(Service.class, pod.getMetadata().getNamespace())) {
            if (Selectors.matchesMap(s.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                enqueue(s);
            }
        }
    }

    @Override
    protected void sync(String key) {
        Service svc = ctx.informers().get(Service.class, key);
        String ns = Keys.namespace(key);
        String name = Keys.name(key);
        Endpoints current = ctx.informers().get(Endpoints.class, key);
        if (svc == null) {
            if (current != null) {
                ctx.client().endpoints().inNamespace(ns).withName(name).delete();
            }
            return;
        }
        if (svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
            return; // user-managed Endpoints
        }
        List<EndpointSubset> subsets = subsets(svc, ctx.informers().list(Pod.class, ns));
        Map<String, String> labels = svc.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(svc.getMetadata().getLabels());
        if (current != null && Objects.equals(current.getSubsets() == null ? List.of() : current.getSubsets(), subsets)
                && Objects.equals(current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels(), labels)) {
            return;
        }
        Endpoints desired = new EndpointsBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                .withSubsets(subsets)
                .build();
        if (current == null) {
            ctx.client().endpoints().inNamespace(ns).resource(desired).create();
        } else {
            desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            desired.getMetadata().setAnnotations(current.getMetadata().getAnnotations());
            ctx.client().endpoints().inNamespace(ns).resource(desired).update();
        }
    }

    static List<EndpointSubset> subsets(Service svc, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, EndpointSubset> byPorts = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!Selectors.matchesMap(svc.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                continue;
            }
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            if (ip == null || ip.isEmpty() || Pods.isTerminating(pod) && !publishNotReady) {
                continue;
            }
            String phase = Pods.phase(pod);
            if (("Succeeded".equals(phase) || "Failed".equals(phase)) && !publishNotReady) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : svc.getSpec().getPorts() == null ? List.<ServicePort>of() : svc.getSpec().getPorts()) {
                int port = ServicePorts.findPort(pod, sp);
                if (port < 0) {
                    continue;
                }
                ports.add(new EndpointPort(sp.getAppProtocol(), sp.getName(), port, sp.getProtocol() == null ? "TCP" : sp.getProtocol()));
            }
            EndpointAddress addr = new EndpointAddressBuilder().withIp(ip)
                    .withNodeName(pod.getSpec().getNodeName())
                    .withNewTargetRef().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endTargetRef()
                    .build();
            if (pod.getSpec().getHostname() != null && pod.getSpec().getSubdomain() != null
                    && pod.getSpec().getSubdomain().equals(svc.getMetadata().getName())) {
                addr.setHostname(pod.getSpec().getHostname());
            }
            EndpointSubset subset = byPorts.computeIfAbsent(ports, p -> new EndpointSubset(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(p)));
            if (Pods.isReady(pod) || publishNotReady) {
                subset.getAddresses().add(addr);
            } else {
                subset.getNotReadyAddresses().add(addr);
            }
        }
        List<EndpointSubset> out = new ArrayList<>();
        Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::getIp);
        for (EndpointSubset s : byPorts.values()) {
            s.getAddresses().sort(byIp);
            s.getNotReadyAddresses().sort(byIp);
            s.getPorts().sort(Comparator.comparing(p -> String.valueOf(p.getName())));
            if (s.getAddresses().isEmpty()) {
                s.setAddresses(null);
            }
            if (s.getNotReadyAddresses().isEmpty()) {
                s.setNotReadyAddresses(null);
            }
            if (s.getPorts().isEmpty()) {
                s.setPorts(null);
            }
            out.add(s);
        }
        return out;
    }
}
