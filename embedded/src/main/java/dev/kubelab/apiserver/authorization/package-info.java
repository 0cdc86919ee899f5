/**
 * Authorization as kubeadm configures it (--authorization-mode=Node,RBAC, system:masters privileged):
 * {@link dev.kubelab.apiserver.authorization.Authorizers#standard}, the 403 text
 * ({@link dev.kubelab.apiserver.authorization.Forbidden}) and the access reviews behind {@code kubectl auth can-i}
 * ({@link dev.kubelab.apiserver.authorization.AccessReviews}). The Node authorizer is simplified to the
 * system:node rules, without the graph of what is bound to each node.
 */
package dev.kubelab.apiserver.authorization;
