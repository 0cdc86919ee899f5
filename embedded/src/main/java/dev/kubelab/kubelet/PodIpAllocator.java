package dev.kubelab.kubelet;

import java.util.BitSet;

/**
 * Hands out pod IPs from a node's IPv4 podCIDR, as the CNI plugin's host-local IPAM does on a kind
 * node: {@code .0} is the network, {@code .1} the node's bridge/gateway, pods get {@code .2} upward;
 * the broadcast address is never used. Freed addresses are reused lowest first.
 */
public final class PodIpAllocator {
    private final String cidr;
    private final int base;
    private final int size;
    private final BitSet used = new BitSet();

    public PodIpAllocator(String cidr) {
        this.cidr = cidr;
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("podCIDR \"" + cidr + "\" is not in CIDR notation (e.g. 10.244.1.0/24)");
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("podCIDR \"" + cidr + "\" must have a prefix between /8 and /30");
        }
        this.size = 1 << (32 - prefix);
        this.base = toInt(cidr.substring(0, slash)) & (int) (0xffffffffL << (32 - prefix));
    }

    public String cidr() {
        return cidr;
    }

    /** The gateway address ({@code .1}). */
    public String gateway() {
        return toString(base + 1);
    }

    /**
     * Allocates the lowest free address.
     *
     * @throws IllegalStateException when the range is exhausted (the real CNI fails sandbox creation then)
     */
    public synchronized String allocate() {
        int i = used.nextClearBit(2);
        if (i >= size - 1) {
            throw new IllegalStateException("failed to allocate for range 0: no IP addresses available in range set: "
                    + toString(base + 2) + "-" + toString(base + size - 2));
        }
        used.set(i);
        return toString(base + i);
    }

    /** Marks an address as used (a pod found running when the kubelet starts). Outside the range: ignored. */
    public synchronized void reserve(String ip) {
        int i = offset(ip);
        if (i > 1 && i < size - 1) {
            used.set(i);
        }
    }

    public synchronized void release(String ip) {
        int i = offset(ip);
        if (i > 1 && i < size - 1) {
            used.clear(i);
        }
    }

    public synchronized int inUse() {
        return used.cardinality();
    }

    private int offset(String ip) {
        if (ip == null || ip.indexOf('.') < 0) {
            return -1;
        }
        long off = (toInt(ip) & 0xffffffffL) - (base & 0xffffffffL);
        return off < 0 || off >= size ? -1 : (int) off;
    }

    static int toInt(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("\"" + ip + "\" is not an IPv4 address");
        }
        int v = 0;
        for (String p : parts) {
            v = (v << 8) | (Integer.parseInt(p) & 0xff);
        }
        return v;
    }

    static String toString(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
