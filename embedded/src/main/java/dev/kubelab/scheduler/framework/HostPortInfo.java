package dev.kubelab.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The host ports in use on a node, keyed by IP then "protocol/port", as kube-scheduler's
 * {@code HostPortInfo}. 0.0.0.0 conflicts with every IP.
 */
public final class HostPortInfo {

    public static final String DEFAULT_BIND_ALL_HOST_IP = "0.0.0.0";

    private final Map<String, Map<String, Integer>> ports = new HashMap<>();

    public record HostPort(String ip, String protocol, int port) {
        public HostPort {
            ip = ip == null || ip.isEmpty() ? DEFAULT_BIND_ALL_HOST_IP : ip;
            protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        }

        String key() {
            return protocol + "/" + port;
        }
    }

    public void add(HostPort p) {
        ports.computeIfAbsent(p.ip(), k -> new HashMap<>()).merge(p.key(), 1, Integer::sum);
    }

    public void remove(HostPort p) {
        Map<String, Integer> m = ports.get(p.ip());
        if (m == null) {
            return;
        }
        m.computeIfPresent(p.key(), (k, n) -> n <= 1 ? null : n - 1);
        if (m.isEmpty()) {
            ports.remove(p.ip());
        }
    }

    public boolean checkConflict(HostPort p) {
        if (p.port() <= 0) {
            return false;
        }
        if (DEFAULT_BIND_ALL_HOST_IP.equals(p.ip())) {
            for (Map<String, Integer> m : ports.values()) {
                if (m.containsKey(p.key())) {
                    return true;
                }
            }
            return false;
        }
        for (String ip : new String[] {DEFAULT_BIND_ALL_HOST_IP, p.ip()}) {
            Map<String, Integer> m = ports.get(ip);
            if (m != null && m.containsKey(p.key())) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        int n = 0;
        for (Map<String, Integer> m : ports.values()) {
            n += m.size();
        }
        return n;
    }

    public HostPortInfo copy() {
        HostPortInfo c = new HostPortInfo();
        ports.forEach((ip, m) -> c.ports.put(ip, new HashMap<>(m)));
        return c;
    }

    public Set<String> ips() {
        return new HashSet<>(ports.keySet());
    }
}
