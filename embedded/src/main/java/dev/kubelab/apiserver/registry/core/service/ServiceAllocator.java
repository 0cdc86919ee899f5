package dev.kubelab.apiserver.registry.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The service REST storage's allocators (pkg/registry/core/service/ipallocator and portallocator): a ClusterIP from
 * the service CIDR (--service-cluster-ip-range, kubeadm's 10.96.0.0/12) and node ports from 30000-32767
 * (--service-node-port-range). As kube-apiserver, a requested address must lie in the range and be free; otherwise
 * one is picked at random — for ClusterIPs from the upper band, the lower band being kept for static assignment.
 * What is in use is read from the stored services (plus this process's allocations not yet stored), so nothing is
 * leaked when a service is deleted; kube-apiserver keeps a bitmap in etcd instead.
 */
public final class ServiceAllocator {

    public static final String SERVICE_CIDR = "10.96.0.0/12";
    public static final int NODE_PORT_MIN = 30000, NODE_PORT_MAX = 32767;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final long base;     // network address
    private final long size;     // addresses in the CIDR
    private final String cidr;
    private final Supplier<List<ObjectNode>> services;
    // allocations handed out but perhaps not stored yet, with when they were made: kept for a while so two creates
    // racing each other cannot get the same address; after that the stored services answer for them
    private static final long PENDING_NANOS = 30_000_000_000L;
    private final java.util.Map<Long, Long> pendingIps = new java.util.HashMap<>();
    private final java.util.Map<Integer, Long> pendingPorts = new java.util.HashMap<>();

    /** services lists every stored Service (all namespaces). */
    public ServiceAllocator(String cidr, Supplier<List<ObjectNode>> services) {
        String[] p = cidr.split("/");
        this.base = ipToLong(p[0]);
        this.size = 1L << (32 - Integer.parseInt(p[1]));
        this.cidr = cidr;
        this.services = services;
    }

    /** The first address of the range: the `kubernetes` Service's ClusterIP. */
    public String first() {
        return longToIp(base + 1);
    }

    /** Fills spec.clusterIP(s) and nodePorts of a new service; 422 when a requested one is taken or out of range. */
    public synchronized void allocateOnCreate(ObjectNode svc) {
        ObjectNode spec = svc.with("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) return;
        Used used = used();
        String name = svc.path("metadata").path("name").asText("");
        String requested = spec.path("clusterIP").asText("");
        if (requested.isEmpty() && spec.path("clusterIPs").size() > 0) requested = spec.path("clusterIPs").get(0).asText("");
        if (!requested.equals("None")) {
            long ip;
            if (requested.isEmpty()) {
                ip = randomFreeIp(used.ips);
            } else {
                ip = checkRequestedIp(name, requested, used.ips);
            }
            pendingIps.put(ip, System.nanoTime());
            String s = longToIp(ip);
            spec.put("clusterIP", s);
            ArrayNode ips = spec.putArray("clusterIPs");
            ips.add(s);
        } else if (spec.path("clusterIPs").isEmpty()) {
            spec.putArray("clusterIPs").add("None");
        }
        allocateNodePorts(name, spec, used.ports, null);
    }

    /** On update: node ports for a service that became NodePort/LoadBalancer (kept ones stay). */
    public synchronized void allocateOnUpdate(ObjectNode svc, ObjectNode old) {
        ObjectNode spec = svc.with("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) return;
        Used used = used();
        String name = svc.path("metadata").path("name").asText("");
        Set<Integer> own = new HashSet<>();
        old.path("spec").path("ports").forEach(p -> { if (p.path("nodePort").asInt(0) != 0) own.add(p.path("nodePort").asInt()); });
        used.ports.removeAll(own);
        allocateNodePorts(name, spec, used.ports, own);
    }

    private void allocateNodePorts(String name, ObjectNode spec, Set<Integer> used, Set<Integer> own) {
        String type = spec.path("type").asText("ClusterIP");
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) return;
        if (type.equals("LoadBalancer") && !spec.path("allocateLoadBalancerNodePorts").asBoolean(true)) return;
        JsonNode ports = spec.path("ports");
        List<StatusError.Cause> causes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode port = (ObjectNode) ports.get(i);
            int np = port.path("nodePort").asInt(0);
            String field = "spec.ports[" + i + "].nodePort";
            if (np == 0) {
                np = randomFreePort(used);
            } else if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
                causes.add(new StatusError.Cause("FieldValueInvalid", "Invalid value: " + np + ": provided port is not in the valid range. "
                        + "The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX, field));
                continue;
            } else if (used.contains(np) && (own == null || !own.contains(np))) {
                causes.add(new StatusError.Cause("FieldValueInvalid", "Invalid value: " + np + ": provided port is already allocated", field));
                continue;
            }
            used.add(np);
            pendingPorts.put(np, System.nanoTime());
            port.put("nodePort", np);
        }
        if (!causes.isEmpty()) throw StatusError.invalid("", "Service", name, causes);
    }

    private long checkRequestedIp(String name, String requested, Set<Long> used) {
        long ip;
        try {
            ip = ipToLong(requested);
        } catch (IllegalArgumentException e) {
            return invalidIp(name, requested, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        if (ip <= base || ip >= base + size - 1) {
            return invalidIp(name, requested, "failed to allocate IP " + requested + ": the provided IP (" + requested
                    + ") is not in the valid range. The range of valid IPs is " + cidr);
        }
        if (used.contains(ip)) return invalidIp(name, requested, "failed to allocate IP " + requested + ": provided IP is already allocated");
        return ip;
    }

    private static long invalidIp(String name, String ip, String msg) {
        String value = "[]string{\"" + ip + "\"}";
        throw StatusError.invalid("", "Service", name,
                List.of(new StatusError.Cause("FieldValueInvalid", "Invalid value: " + value + ": " + msg, "spec.clusterIPs")));
    }

    private long randomFreeIp(Set<Long> used) {
        long reserved = Math.min(Math.max(16, size / 16), 256);
        long lo = base + reserved, hi = base + size - 2;  // upper band, without the broadcast address
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long ip = lo + (long) (RANDOM.nextDouble() * (hi - lo + 1));
            if (!used.contains(ip)) return ip;
        }
        for (long ip = base + 1; ip <= hi; ip++) if (!used.contains(ip)) return ip;
        throw StatusError.internal("failed to allocate a serviceIP: range is full");
    }

    private int randomFreePort(Set<Integer> used) {
        int span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
        int start = RANDOM.nextInt(span);
        for (int i = 0; i < span; i++) {
            int p = NODE_PORT_MIN + (start + i) % span;
            if (!used.contains(p)) return p;
        }
        throw StatusError.internal("failed to allocate a nodePort: range is full");
    }

    private record Used(Set<Long> ips, Set<Integer> ports) {}

    private Used used() {
        long now = System.nanoTime();
        pendingIps.values().removeIf(t -> now - t > PENDING_NANOS);
        pendingPorts.values().removeIf(t -> now - t > PENDING_NANOS);
        Set<Long> ips = new HashSet<>(pendingIps.keySet());
        Set<Integer> ports = new HashSet<>(pendingPorts.keySet());
        for (ObjectNode s : services.get()) {
            JsonNode spec = s.path("spec");
            for (JsonNode ip : spec.path("clusterIPs")) addIp(ips, ip.asText(""));
            addIp(ips, spec.path("clusterIP").asText(""));
            for (JsonNode p : spec.path("ports")) if (p.path("nodePort").asInt(0) != 0) ports.add(p.path("nodePort").asInt());
        }
        return new Used(ips, ports);
    }

    private static void addIp(Set<Long> ips, String ip) {
        if (ip.isEmpty() || ip.equals("None")) return;
        try {
            ips.add(ipToLong(ip));
        } catch (IllegalArgumentException ignored) {
            // not an IPv4 address: not ours
        }
    }

    static long ipToLong(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) throw new IllegalArgumentException(ip);
        long v = 0;
        for (String p : parts) {
            int b;
            try {
                b = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ip, e);
            }
            if (b < 0 || b > 255) throw new IllegalArgumentException(ip);
            v = (v << 8) | b;
        }
        return v;
    }

    static String longToIp(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
