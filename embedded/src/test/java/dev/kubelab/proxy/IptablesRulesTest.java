package dev.kubelab.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IptablesRulesTest {

    static Service service(String ns, String name, String ip, String portName, String protocol, int port, Integer nodePort) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType(nodePort == null ? "ClusterIP" : "NodePort").withClusterIP(ip)
                .addNewPort().withName(portName).withProtocol(protocol).withPort(port).withNodePort(nodePort).endPort()
                .endSpec().build();
    }

    static EndpointSlice slice(String ns, String svc, String portName, String protocol, int port, String... ips) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace(ns).withName(svc + "-abcde")
                .addToLabels("kubernetes.io/service-name", svc).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withProtocol(protocol).withPort(port).endPort();
        for (String ip : ips) {
            b.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        return b.build();
    }

    @Test
    void chainNamesMatchKubeProxy() {
        // Names as seen on every real cluster's iptables-save.
        assertThat(ChainNames.service("kube-system/kube-dns:dns", "UDP")).isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
        assertThat(ChainNames.service("kube-system/kube-dns:dns-tcp", "TCP")).isEqualTo("KUBE-SVC-ERIFXISQEP7F7OF4");
        assertThat(ChainNames.service("default/kubernetes:https", "TCP")).isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
    }

    @Test
    void kubeDnsRulesInIptablesSaveForm() {
        var ports = ServicePort.from(List.of(service("kube-system", "kube-dns", "10.96.0.10", "dns", "UDP", 53, null)),
                List.of(slice("kube-system", "kube-dns", "dns", "UDP", 53, "10.244.0.3", "10.244.0.2")));
        IptablesRules rules = IptablesRules.compute(ports, "10.244.0.0/16");
        List<String> nat = rules.natRules();
        assertThat(nat).contains("-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU");
        assertThat(nat).contains("-A KUBE-SVC-TCOU7JCQXEZGVUNU ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp --dport 53 -j KUBE-MARK-MASQ");
        String sep2 = ChainNames.endpoint("kube-system/kube-dns:dns", "udp", "10.244.0.2:53");
        String sep3 = ChainNames.endpoint("kube-system/kube-dns:dns", "udp", "10.244.0.3:53");
        // endpoints sorted; the first gets 1/2, the last is unconditional
        assertThat(nat).containsSubsequence(
                "-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment \"kube-system/kube-dns:dns -> 10.244.0.2:53\" -m statistic --mode random --probability 0.50000000000 -j " + sep2,
                "-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment \"kube-system/kube-dns:dns -> 10.244.0.3:53\" -j " + sep3);
        assertThat(nat).contains("-A " + sep2 + " -s 10.244.0.2/32 -m comment --comment kube-system/kube-dns:dns -j KUBE-MARK-MASQ",
                "-A " + sep2 + " -p udp -m comment --comment kube-system/kube-dns:dns -m udp -j DNAT --to-destination 10.244.0.2:53");
        assertThat(nat.get(nat.size() - 1)).isNotNull();
        String save = rules.iptablesSave("test");
        assertThat(save).contains("*nat\n:PREROUTING ACCEPT [0:0]").contains(":KUBE-SVC-TCOU7JCQXEZGVUNU - [0:0]").contains("COMMIT");
        // The nodeports jump is the last rule of KUBE-SERVICES.
        List<String> services = nat.stream().filter(r -> r.startsWith("-A KUBE-SERVICES ")).toList();
        assertThat(services.get(services.size() - 1)).contains("-j KUBE-NODEPORTS");
    }

    @Test
    void probabilitiesAreThoseTheKernelReports() {
        var ports = ServicePort.from(List.of(service("default", "web", "10.96.1.1", "http", "TCP", 80, null)),
                List.of(slice("default", "web", "http", "TCP", 8080, "10.244.1.2", "10.244.1.3", "10.244.2.2")));
        List<String> svc = IptablesRules.compute(ports, "10.244.0.0/16").natRules().stream()
                .filter(r -> r.contains("statistic")).toList();
        assertThat(svc).hasSize(2);
        assertThat(svc.get(0)).contains("--probability 0.33333333349");
        assertThat(svc.get(1)).contains("--probability 0.50000000000");
    }

    @Test
    void serviceWithoutEndpointsIsRejectedInFilterTable() {
        var ports = ServicePort.from(List.of(service("default", "empty", "10.96.2.2", "", "TCP", 80, 30080)), List.of());
        IptablesRules rules = IptablesRules.compute(ports, "10.244.0.0/16");
        assertThat(rules.filterRules()).contains(
                "-A KUBE-SERVICES -d 10.96.2.2/32 -p tcp -m comment --comment \"default/empty has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable",
                "-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment \"default/empty has no endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable");
        assertThat(rules.natRules()).noneMatch(r -> r.contains("KUBE-SVC-"));
        assertThat(rules.routes("10.96.2.2", 80, "tcp")).isEmpty();
    }

    @Test
    void nodePortGoesThroughExtChain() {
        var ports = ServicePort.from(List.of(service("default", "web", "10.96.1.1", "http", "TCP", 80, 30080)),
                List.of(slice("default", "web", "http", "TCP", 8080, "10.244.1.2")));
        String ext = ChainNames.external("default/web:http", "tcp");
        String svc = ChainNames.service("default/web:http", "tcp");
        assertThat(ext).startsWith("KUBE-EXT-").hasSize("KUBE-EXT-".length() + 16).endsWith(svc.substring(9));
        assertThat(IptablesRules.compute(ports, "10.244.0.0/16").natRules()).contains(
                "-A KUBE-NODEPORTS -p tcp -m comment --comment default/web:http -m tcp --dport 30080 -j " + ext,
                "-A " + ext + " -m comment --comment \"masquerade traffic for default/web:http external destinations\" -j KUBE-MARK-MASQ",
                "-A " + ext + " -j " + svc);
    }

    @Test
    void unreadyEndpointsAndHeadlessServicesGetNoRules() {
        Service headless = service("default", "db", "None", "pg", "TCP", 5432, null);
        EndpointSlice s = slice("default", "web", "http", "TCP", 8080, "10.244.1.2");
        s.getEndpoints().get(0).getConditions().setReady(false);
        var ports = ServicePort.from(List.of(headless, service("default", "web", "10.96.1.1", "http", "TCP", 80, null)), List.of(s));
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).endpoints()).isEmpty();
    }

    @Test
    void routeIsDeterministicPerSeedAndSpreadsLikeTheProbabilities() {
        var ports = ServicePort.from(List.of(service("default", "web", "10.96.1.1", "http", "TCP", 80, null)),
                List.of(slice("default", "web", "http", "TCP", 8080, "10.244.1.2", "10.244.1.3", "10.244.2.2")));
        IptablesRules rules = IptablesRules.compute(ports, "10.244.0.0/16");
        Map<String, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < 3000; seed++) {
            var r = pick(rules, seed);
            counts.merge(r, 1, Integer::sum);
            assertThat(pick(rules, seed)).isEqualTo(r);
        }
        assertThat(counts).containsOnlyKeys("10.244.1.2:8080", "10.244.1.3:8080", "10.244.2.2:8080");
        counts.values().forEach(c -> assertThat(c).isBetween(850, 1150));
    }

    private static String pick(IptablesRules rules, long seed) {
        return rules.pick("10.96.1.1", 80, "TCP", seed).orElseThrow().endpoint();
    }
}
