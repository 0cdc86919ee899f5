package dev.kubelab.apiserver.admission;

import dev.kubelab.apiserver.errors.StatusError;

/**
 * A named admission plugin (NamespaceLifecycle, ServiceAccount, …). Mutating plugins change
 * attributes.object() in admit(); validating ones throw from validate(). The chain runs all
 * admit() in order, then all validate(), as kube-apiserver does.
 */
public interface AdmissionPlugin {

    String name();

    default void admit(AdmissionAttributes attributes) throws StatusError {}

    default void validate(AdmissionAttributes attributes) throws StatusError {}
}
