package dev.kubelab.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One port of one Service together with its ready endpoints: kube-proxy's {@code ServicePortName}
 * ({@code namespace/name:portName}, or {@code namespace/name} for an unnamed port) plus what the
 * EndpointSlices say about it.
 *
 * @param name       kube-proxy's ServicePortName string, used in comments and chain hashes
 * @param protocol   lower-case {@code tcp}, {@code udp} or {@code sctp}
 * @param endpoints  {@code ip:port} of the ready endpoints, sorted as kube-proxy sorts them (by string)
 */
public record ServicePort(String name, String namespace, String service, String protocol,
                          String clusterIp, int port, Integer nodePort, List<String> endpoints) {

    /** The label EndpointSlices carry to name their Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    /**
     * Joins Services with their EndpointSlices. Headless Services, ExternalName Services and
     * Services without a ClusterIP get no rules (kube-proxy skips them too).
     */
    public static List<ServicePort> from(Collection<Service> services, Collection<EndpointSlice> slices) {
        List<ServicePort> result = new ArrayList<>();
        for (Service svc : services) {
            var spec = svc.getSpec();
            if (spec == null || spec.getPorts() == null || "ExternalName".equals(spec.getType())) {
                continue;
            }
            String clusterIp = spec.getClusterIP();
            if (clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp)) {
                continue;
            }
            String ns = svc.getMetadata().getNamespace();
            String svcName = svc.getMetadata().getName();
            for (var p : spec.getPorts()) {
                String protocol = (p.getProtocol() == null ? "TCP" : p.getProtocol()).toLowerCase(Locale.ROOT);
                String portName = p.getName() == null ? "" : p.getName();
                String spn = ns + "/" + svcName + (portName.isEmpty() ? "" : ":" + portName);
                TreeSet<String> eps = new TreeSet<>();
                for (EndpointSlice slice : slices) {
                    if (!ns.equals(slice.getMetadata().getNamespace())) {
                        continue;
                    }
                    Map<String, String> labels = slice.getMetadata().getLabels();
                    if (labels == null || !svcName.equals(labels.get(SERVICE_NAME_LABEL))) {
                        continue;
                    }
                    Integer targetPort = matchingPort(slice, portName, protocol);
                    if (targetPort == null || slice.getEndpoints() == null) {
                        continue;
                    }
                    for (Endpoint ep : slice.getEndpoints()) {
                        if (!isReady(ep) || ep.getAddresses() == null || ep.getAddresses().isEmpty()) {
                            continue;
                        }
                        // kube-proxy uses the first address of an endpoint (all are fungible).
                        eps.add(ep.getAddresses().get(0) + ":" + targetPort);
                    }
                }
                List<String> sorted = new ArrayList<>(eps);
                sorted.sort(Comparator.naturalOrder());
                result.add(new ServicePort(spn, ns, svcName, protocol, clusterIp, p.getPort(),
                        p.getNodePort(), List.copyOf(sorted)));
            }
        }
        result.sort(Comparator.comparing(ServicePort::name).thenComparing(ServicePort::protocol));
        return result;
    }

    private static Integer matchingPort(EndpointSlice slice, String portName, String protocol) {
        if (slice.getPorts() == null) {
            return null;
        }
        for (EndpointPort ep : slice.getPorts()) {
            String name = ep.getName() == null ? "" : ep.getName();
            String proto = (ep.getProtocol() == null ? "TCP" : ep.getProtocol()).toLowerCase(Locale.ROOT);
            if (name.equals(portName) && proto.equals(protocol) && ep.getPort() != null) {
                return ep.getPort();
            }
        }
        return null;
    }

    /** Unset "ready" means ready (EndpointSlice API convention). */
    private static boolean isReady(Endpoint ep) {
        return ep.getConditions() == null || !Objects.equals(Boolean.FALSE, ep.getConditions().getReady());
    }

    /** kube-proxy's per service-port chain. */
    public String serviceChain() {
        return ChainNames.service(name, protocol);
    }

    /** The chain NodePort traffic enters. */
    public String externalChain() {
        return ChainNames.external(name, protocol);
    }

    /** The chain for one endpoint. */
    public String endpointChain(String endpoint) {
        return ChainNames.endpoint(name, protocol, endpoint);
    }
}
