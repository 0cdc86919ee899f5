package dev.kubelab.apiserver.admission;

/**
 * A plugin kube-apiserver enables by default that kubelab lists (so the chain reads as on a real cluster) but
 * does not model, because nothing it acts on exists here: the why says so. It admits everything.
 */
public record UnmodelledPlugin(String name, String why) implements AdmissionPlugin {}
