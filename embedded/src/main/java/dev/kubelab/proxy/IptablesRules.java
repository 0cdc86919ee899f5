package dev.kubelab.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The iptables rules kube-proxy (iptables mode) would program for a set of service ports, rendered
 * as {@code iptables-save} prints them on a node: built-in chains first, then kube-proxy's chains
 * in alphabetical order, each rule with iptables-save's argument order ({@code -d 10.96.0.10/32 -p udp
 * -m comment --comment "…" -m udp --dport 53 -j …}).
 *
 * <p>Random load-balancing probabilities are those of kube-proxy ({@code 1/(n-i)} for the i-th of n
 * endpoints, written with {@code %0.10f}) as the kernel stores and reports them: the statistic match
 * keeps {@code round(p * 2^31)} and iptables-save prints it with 11 decimals, hence the familiar
 * {@code 0.33333333349}.
 */
public final class IptablesRules {
    /** kube-proxy's masquerade mark ({@code --iptables-masquerade-bit 14}). */
    static final String MASQ_MARK = "0x4000";

    private final Map<String, List<String>> nat = new TreeMap<>();
    private final Map<String, List<String>> filter = new TreeMap<>();
    private final Map<String, List<Route>> serviceRoutes = new LinkedHashMap<>();

    /** One rule of a KUBE-SVC chain: jump to {@code chain} (DNAT to {@code endpoint}) with {@code probability} (null = always). */
    public record Route(String serviceChain, String endpoint, String chain, Double probability) {
    }

    private IptablesRules() {
    }

    /**
     * Computes the rules.
     *
     * @param ports       the service ports with their ready endpoints
     * @param clusterCidr the pod network (kube-proxy's {@code --cluster-cidr}); traffic from outside it is masqueraded
     */
    public static IptablesRules compute(List<ServicePort> ports, String clusterCidr) {
        IptablesRules r = new IptablesRules();
        r.base();
        for (ServicePort sp : ports) {
            r.servicePort(sp, clusterCidr);
        }
        // Must stay the last KUBE-SERVICES rule, as kube-proxy's comment says.
        r.nat("KUBE-SERVICES").add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
        return r;
    }

    private void base() {
        nat("PREROUTING").add("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        nat("OUTPUT").add("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        nat("POSTROUTING").add("-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
        nat("KUBE-MARK-MASQ").add("-A KUBE-MARK-MASQ -j MARK --set-xmark " + MASQ_MARK + "/" + MASQ_MARK);
        List<String> post = nat("KUBE-POSTROUTING");
        post.add("-A KUBE-POSTROUTING -m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
        post.add("-A KUBE-POSTROUTING -j MARK --set-xmark " + MASQ_MARK + "/0x0");
        post.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
        nat("KUBE-NODEPORTS");
        nat("KUBE-SERVICES");

        filter("INPUT").add("-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
        filter("INPUT").add("-A INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS");
        filter("INPUT").add("-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES");
        filter("FORWARD").add("-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
        filter("FORWARD").add("-A FORWARD -m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD");
        filter("FORWARD").add("-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        filter("FORWARD").add("-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES");
        filter("OUTPUT").add("-A OUTPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
        filter("OUTPUT").add("-A OUTPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        filter("KUBE-EXTERNAL-SERVICES");
        List<String> fwd = filter("KUBE-FORWARD");
        fwd.add("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP");
        fwd.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j ACCEPT");
        fwd.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        filter("KUBE-NODEPORTS");
        filter("KUBE-PROXY-FIREWALL");
        filter("KUBE-SERVICES");
    }

    private void servicePort(ServicePort sp, String clusterCidr) {
        String proto = sp.protocol();
        String match = "-m " + proto;
        String dst = "-d " + sp.clusterIp() + "/32 -p " + proto;
        if (sp.endpoints().isEmpty()) {
            // No endpoints: traffic is rejected in the filter table instead of being DNATed.
            filter("KUBE-SERVICES").add("-A KUBE-SERVICES " + dst + " -m comment --comment \"" + sp.name()
                    + " has no endpoints\" " + match + " --dport " + sp.port() + " -j REJECT --reject-with icmp-port-unreachable");
            if (sp.nodePort() != null && sp.nodePort() > 0) {
                filter("KUBE-EXTERNAL-SERVICES").add("-A KUBE-EXTERNAL-SERVICES -p " + proto + " -m comment --comment \""
                        + sp.name() + " has no endpoints\" -m addrtype --dst-type LOCAL " + match + " --dport "
                        + sp.nodePort() + " -j REJECT --reject-with icmp-port-unreachable");
            }
            serviceRoutes.put(key(sp.clusterIp(), sp.port(), proto), List.of());
            return;
        }
        String svcChain = sp.serviceChain();
        String comment = quote(sp.name() + " cluster IP");
        nat("KUBE-SERVICES").add("-A KUBE-SERVICES " + dst + " -m comment --comment " + comment + " " + match
                + " --dport " + sp.port() + " -j " + svcChain);
        List<String> svc = nat(svcChain);
        svc.add("-A " + svcChain + " ! -s " + clusterCidr + " " + dst + " -m comment --comment " + comment + " "
                + match + " --dport " + sp.port() + " -j KUBE-MARK-MASQ");
        int n = sp.endpoints().size();
        List<Route> routes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String ep = sp.endpoints().get(i);
            String sepChain = sp.endpointChain(ep);
            StringBuilder rule = new StringBuilder("-A ").append(svcChain).append(" -m comment --comment ")
                    .append(quote(sp.name() + " -> " + ep));
            Double probability = null;
            if (i < n - 1) {
                probability = kernelProbability(1.0 / (n - i));
                rule.append(" -m statistic --mode random --probability ").append(formatProbability(probability));
            }
            rule.append(" -j ").append(sepChain);
            svc.add(rule.toString());
            routes.add(new Route(svcChain, ep, sepChain, probability));

            String ip = ep.substring(0, ep.lastIndexOf(':'));
            List<String> sep = nat(sepChain);
            sep.add("-A " + sepChain + " -s " + ip + "/32 -m comment --comment " + quote(sp.name()) + " -j KUBE-MARK-MASQ");
            sep.add("-A " + sepChain + " -p " + proto + " -m comment --comment " + quote(sp.name()) + " " + match
                    + " -j DNAT --to-destination " + ep);
        }
        serviceRoutes.put(key(sp.clusterIp(), sp.port(), proto), List.copyOf(routes));
        if (sp.nodePort() != null && sp.nodePort() > 0) {
            String ext = sp.externalChain();
            nat("KUBE-NODEPORTS").add("-A KUBE-NODEPORTS -p " + proto + " -m comment --comment " + quote(sp.name())
                    + " " + match + " --dport " + sp.nodePort() + " -j " + ext);
            nat(ext).add("-A " + ext + " -m comment --comment " + quote("masquerade traffic for " + sp.name()
                    + " external destinations") + " -j KUBE-MARK-MASQ");
            nat(ext).add("-A " + ext + " -j " + svcChain);
        }
    }

    /**
     * The probability the kernel applies: kube-proxy writes {@code %0.10f}; xt_statistic keeps
     * {@code lround(p * 2^31)} as a 32-bit fraction.
     */
    static double kernelProbability(double p) {
        double written = Double.parseDouble(String.format(Locale.ROOT, "%.10f", p));
        return Math.round(written * 0x80000000L) / (double) 0x80000000L;
    }

    /** iptables-save prints the stored probability with 11 decimals. */
    static String formatProbability(double kernelProbability) {
        return String.format(Locale.ROOT, "%.11f", kernelProbability);
    }

    /** iptables-save quotes a comment only when it contains spaces. */
    private static String quote(String comment) {
        return comment.indexOf(' ') >= 0 ? "\"" + comment + "\"" : comment;
    }

    static String key(String ip, int port, String protocol) {
        return ip + ":" + port + "/" + protocol.toLowerCase(Locale.ROOT);
    }

    private List<String> nat(String chain) {
        return nat.computeIfAbsent(chain, c -> new ArrayList<>());
    }

    private List<String> filter(String chain) {
        return filter.computeIfAbsent(chain, c -> new ArrayList<>());
    }

    /** Rules of the nat table (only {@code -A} lines), in iptables-save order. */
    public List<String> natRules() {
        return rulesOf(nat);
    }

    /** Rules of the filter table (only {@code -A} lines), in iptables-save order. */
    public List<String> filterRules() {
        return rulesOf(filter);
    }

    /** The KUBE-SVC routing of {@code clusterIp:port/protocol}; empty if it has no endpoints, null if unknown. */
    public List<Route> routes(String clusterIp, int port, String protocol) {
        return serviceRoutes.get(key(clusterIp, port, protocol.toLowerCase(Locale.ROOT)));
    }

    /**
     * Walks the KUBE-SVC chain of {@code clusterIp:port/protocol} the way the kernel does for a new
     * connection: each statistic match draws a number in [0,1) from a generator seeded by {@code seed}.
     *
     * @return the KUBE-SVC rule taken, or empty if there is no such service port or it has no endpoints
     */
    public java.util.Optional<Route> pick(String clusterIp, int port, String protocol, long seed) {
        List<Route> routes = routes(clusterIp, port, protocol);
        if (routes == null) {
            return java.util.Optional.empty();
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (Route step : routes) {
            if (step.probability() == null || random.nextDouble() < step.probability()) {
                return java.util.Optional.of(step);
            }
        }
        return java.util.Optional.empty();
    }

    /** The whole ruleset as {@code iptables-save} would print it (filter then nat, as iptables-save orders tables). */
    public String iptablesSave(String header) {
        StringBuilder sb = new StringBuilder();
        table(sb, "filter", filter, List.of("INPUT", "FORWARD", "OUTPUT"), header);
        table(sb, "nat", nat, List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"), header);
        return sb.toString();
    }

    private static void table(StringBuilder sb, String name, Map<String, List<String>> chains,
                              List<String> builtins, String header) {
        sb.append("# Generated by ").append(header).append('\n');
        sb.append('*').append(name).append('\n');
        for (String b : builtins) {
            sb.append(':').append(b).append(" ACCEPT [0:0]\n");
        }
        for (String c : chains.keySet()) {
            if (!builtins.contains(c)) {
                sb.append(':').append(c).append(" - [0:0]\n");
            }
        }
        for (String b : builtins) {
            chains.getOrDefault(b, List.of()).forEach(r -> sb.append(r).append('\n'));
        }
        chains.forEach((c, rules) -> {
            if (!builtins.contains(c)) {
                rules.forEach(r -> sb.append(r).append('\n'));
            }
        });
        sb.append("COMMIT\n");
        sb.append("# Completed\n");
    }

    private static List<String> rulesOf(Map<String, List<String>> chains) {
        List<String> out = new ArrayList<>();
        List<String> builtins = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
        for (String b : builtins) {
            out.addAll(chains.getOrDefault(b, List.of()));
        }
        chains.forEach((c, rules) -> {
            if (!builtins.contains(c)) {
                out.addAll(rules);
            }
        });
        return out;
    }
}
