/**
 * The simulated kube-proxy (iptables mode), one per node: it watches Services and EndpointSlices and
 * computes the nat/filter rules the real one would program — KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…
 * with kube-proxy's chain-name hashing and random-balancing probabilities, KUBE-NODEPORTS/KUBE-EXT-…
 * for NodePorts, REJECT rules for services without endpoints — as {@code iptables-save} text.
 * Nothing reaches a kernel. {@link dev.kubelab.proxy.KubeProxy#route} answers "which endpoint would a
 * new connection to ClusterIP:port be DNATed to" deterministically for a seed.
 */
package dev.kubelab.proxy;
