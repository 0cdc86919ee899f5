package dev.kubelab.apiserver.admission;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.List;

/** The enabled admission plugins in kube-apiserver's order: all admit() first, then all validate(). */
public final class AdmissionChain {

    private final List<AdmissionPlugin> plugins;

    public AdmissionChain(List<AdmissionPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** The plugins kubeadm's kube-apiserver runs by default, reading the store through reader. */
    public static AdmissionChain standard(ObjectReader reader) {
        return new AdmissionChain(List.of());
    }

    public List<AdmissionPlugin> plugins() {
        return plugins;
    }

    public void run(AdmissionAttributes attributes) throws StatusError {
        for (AdmissionPlugin p : plugins) p.admit(attributes);
        for (AdmissionPlugin p : plugins) p.validate(attributes);
    }
}
