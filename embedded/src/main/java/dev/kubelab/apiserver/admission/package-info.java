/**
 * Admission plugins named and ordered as in kube-apiserver
 * ({@link dev.kubelab.apiserver.admission.AdmissionChain#standard}): each plugin is a class named after the real
 * one, with the real plugin's messages. Plugins acting on kinds kubelab does not serve are listed as
 * {@link dev.kubelab.apiserver.admission.UnmodelledPlugin}.
 */
package dev.kubelab.apiserver.admission;
