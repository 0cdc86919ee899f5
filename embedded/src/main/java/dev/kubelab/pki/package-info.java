/**
 * The cluster's PKI as kubeadm creates it under /etc/kubernetes: certificate authorities, serving and client
 * certificates, the service-account signing keys and the kubeconfig files ({@link dev.kubelab.pki.Pki#ensure}).
 * Differences from kubeadm: keys default to ECDSA P-256 (kubeadm: RSA 2048; {@link dev.kubelab.pki.KeyAlgorithm}
 * selects either), and kubeconfig files are rewritten with the API server's current URL on each start because it
 * binds a free port.
 */
package dev.kubelab.pki;
