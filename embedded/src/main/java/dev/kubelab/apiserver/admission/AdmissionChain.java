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

    /**
     * The plugins kubeadm's kube-apiserver v1.31 runs — the default-enabled set plus NodeRestriction
     * (--enable-admission-plugins=NodeRestriction) — in kube-apiserver's order (AllOrderedPlugins), reading the
     * store through reader. Plugins whose objects kubelab does not serve are listed as {@link UnmodelledPlugin}.
     */
    public static AdmissionChain standard(ObjectReader reader) {
        return new AdmissionChain(List.of(
                new NamespaceLifecycle(reader),
                new LimitRanger(reader),
                new ServiceAccount(reader),
                new NodeRestriction(reader),
                new TaintNodesByCondition(),
                new UnmodelledPlugin("PodSecurity",
                        "Pod Security Standards are not evaluated: every namespace behaves as enforce=privileged, the default"),
                new Priority(reader),
                new DefaultTolerationSeconds(),
                new DefaultStorageClass(reader),
                new StorageObjectInUseProtection(),
                new PersistentVolumeClaimResize(reader),
                new RuntimeClass(reader),
                new UnmodelledPlugin("CertificateApproval", "certificatesigningrequests are not served"),
                new UnmodelledPlugin("CertificateSigning", "certificatesigningrequests are not served"),
                new UnmodelledPlugin("ClusterTrustBundleAttest", "clustertrustbundles are not served"),
                new UnmodelledPlugin("CertificateSubjectRestriction", "certificatesigningrequests are not served"),
                new UnmodelledPlugin("DefaultIngressClass", "ingresses are not served"),
                new MutatingAdmissionWebhook(),
                new UnmodelledPlugin("ValidatingAdmissionPolicy", "validatingadmissionpolicies are not served"),
                new ValidatingAdmissionWebhook(),
                new ResourceQuota(reader)));
    }

    /** The enabled plugins' names, in order (what --enable-admission-plugins plus the defaults amount to). */
    public List<String> names() {
        return plugins.stream().map(AdmissionPlugin::name).toList();
    }

    public List<AdmissionPlugin> plugins() {
        return plugins;
    }

    public void run(AdmissionAttributes attributes) throws StatusError {
        for (AdmissionPlugin p : plugins) p.admit(attributes);
        for (AdmissionPlugin p : plugins) p.validate(attributes);
    }
}
