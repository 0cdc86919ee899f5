package dev.kubelab.cluster.kind;

import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesVersionEnum;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.KubernetesVersion;

import java.util.List;

/** The Kubernetes versions kindcontainer has node images for, mapped to and from {@link KubernetesVersion}. */
public final class KindVersions {
    private KindVersions() {
    }

    public static KubernetesVersion of(KindContainerVersion v) {
        return KubernetesVersion.parse(v.descriptor().getKubernetesVersion());
    }

    /** Oldest first. */
    public static List<KubernetesVersion> supported() {
        return KubernetesVersionEnum.ascending(KindContainerVersion.class).stream().map(KindVersions::of).toList();
    }

    /** kindcontainer's newest. */
    public static KubernetesVersion newest() {
        return of(KubernetesVersionEnum.latest(KindContainerVersion.class));
    }

    public static KindContainerVersion toKind(KubernetesVersion v) {
        for (KindContainerVersion k : KindContainerVersion.values()) {
            if (of(k).equals(v)) return k;
        }
        throw new ClusterException("Kubernetes " + v + " has no kind node image in this kindcontainer");
    }

    /** The node image, e.g. {@code kindest/node:v1.32.0}. */
    public static String image(KubernetesVersion v) {
        return toKind(v).toImageSpec().getImage().asCanonicalNameString();
    }
}
