package dev.kubelab.pki;

import java.util.List;

/**
 * The parts of kubeadm's InitConfiguration/ClusterConfiguration that shape the certificates.
 *
 * @param nodeName          the control-plane node (apiserver SAN, etcd server/peer CN, kubelet.conf user)
 * @param advertiseAddress  the API server's address (an IP SAN of apiserver and etcd certs)
 * @param serviceSubnet     e.g. 10.96.0.0/12; its first address is the `kubernetes` Service IP, an apiserver SAN
 * @param dnsDomain         cluster DNS domain (kubernetes.default.svc.&lt;domain&gt;)
 * @param clusterName       the cluster's name in kubeconfig files
 * @param keyAlgorithm      key type of every certificate (sa.key stays RSA-2048)
 * @param extraSans         apiServer.certSANs: extra DNS names or IPs for the serving certificate
 */
public record PkiOptions(String nodeName, String advertiseAddress, String serviceSubnet, String dnsDomain,
                         String clusterName, KeyAlgorithm keyAlgorithm, List<String> extraSans) {

    public PkiOptions {
        extraSans = List.copyOf(extraSans);
    }

    public static PkiOptions defaults(String nodeName) {
        return new PkiOptions(nodeName, "127.0.0.1", "10.96.0.0/12", "cluster.local", "kubernetes",
                KeyAlgorithm.ECDSA_P256, List.of());
    }

    public PkiOptions withKeyAlgorithm(KeyAlgorithm algorithm) {
        return new PkiOptions(nodeName, advertiseAddress, serviceSubnet, dnsDomain, clusterName, algorithm, extraSans);
    }

    /** The first usable address of the service subnet (10.96.0.0/12 → 10.96.0.1), as kubeadm computes it. */
    public String kubernetesServiceIp() {
        String[] parts = serviceSubnet.split("/");
        byte[] b;
        try {
            b = java.net.InetAddress.getByName(parts[0]).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("invalid service subnet " + serviceSubnet, e);
        }
        int prefix = Integer.parseInt(parts[1]);
        java.math.BigInteger net = new java.math.BigInteger(1, b)
                .shiftRight(b.length * 8 - prefix).shiftLeft(b.length * 8 - prefix);
        byte[] raw = net.add(java.math.BigInteger.ONE).toByteArray();
        byte[] out = new byte[b.length];
        System.arraycopy(raw, Math.max(0, raw.length - out.length), out, Math.max(0, out.length - raw.length),
                Math.min(raw.length, out.length));
        try {
            return java.net.InetAddress.getByAddress(out).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
