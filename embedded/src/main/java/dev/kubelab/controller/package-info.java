/**
 * The embedded kube-controller-manager.
 *
 * <p>{@link dev.kubelab.controller.KubeControllerManager} wins the Lease {@code kube-system/kube-controller-manager}
 * and runs the controllers named in its {@code --controllers} list, one package each, named as in
 * kube-controller-manager ({@code deployment}, {@code replicaset}, {@code daemonset}, {@code statefulset}, {@code job},
 * {@code cronjob}, {@code endpoint}, {@code endpointslice}, {@code serviceaccount}, {@code namespace},
 * {@code garbagecollector}, {@code disruption}, {@code ttl-after-finished}, and {@code nodelifecycle} when present).
 * Each sees the cluster only through the Kubernetes API with its own fabric8 client (user agent
 * {@code kube-controller-manager/<version> (linux/amd64) kubernetes/<commit>/<name>-controller}); list+watch is shared
 * through {@link dev.kubelab.controller.framework.SharedInformers}.
 *
 * <p>{@code framework} holds what client-go and k8s.io/kubernetes/pkg/controller give the real controllers: the
 * rate-limited work queue, expectations, slow-start batches, pod control with its events, deletion ranking,
 * pod-template hashing and the event recorder (also used by kube-scheduler and the kubelets).
 */
package dev.kubelab.controller;
