package dev.kubelab.pki;

import java.util.List;

/**
 * What one certificate says (k8s.io/client-go/util/cert.Config as kubeadm fills it): the subject's CN and O,
 * the extended key usages and the subject alternative names.
 */
public record CertConfig(String commonName, List<String> organizations, boolean serverAuth, boolean clientAuth,
                         List<String> dnsNames, List<String> ipAddresses) {

    public CertConfig {
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertConfig client(String commonName, List<String> organizations) {
        return new CertConfig(commonName, organizations, false, true, List.of(), List.of());
    }

    public static CertConfig server(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        return new CertConfig(commonName, List.of(), true, false, dnsNames, ipAddresses);
    }

    /** etcd's server and peer certificates carry both usages (etcd 3.2+ requires ClientAuth on them). */
    public static CertConfig serverAndClient(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        return new CertConfig(commonName, List.of(), true, true, dnsNames, ipAddresses);
    }
}
