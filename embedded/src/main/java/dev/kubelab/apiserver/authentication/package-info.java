/**
 * kube-apiserver's authentication as kubeadm configures it: x509 client certificates against the cluster CA,
 * service-account JWTs signed with sa.key, then anonymous ({@link dev.kubelab.apiserver.authentication.AuthenticationChain});
 * plus the authentication.k8s.io reviews and TokenRequest. Not modelled: bootstrap tokens, static token files,
 * OIDC, webhook token authentication, the front-proxy request-header authenticator, impersonation, user extras.
 */
package dev.kubelab.apiserver.authentication;
