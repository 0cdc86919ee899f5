/**
 * The RBAC objects kube-apiserver and kubeadm create at start
 * ({@link dev.kubelab.apiserver.rbac.BootstrapPolicy}), as JSON ready to store.
 */
package dev.kubelab.apiserver.rbac;
