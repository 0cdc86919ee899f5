package dev.kubelab.kubelet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process registry of the simulated kubelets by node name, for serving {@code pods/log}: the API
 * server looks up the pod's {@code spec.nodeName} and asks that node's kubelet, as the real API
 * server proxies to the kubelet's {@code /containerLogs/<ns>/<pod>/<container>}. {@link KubeletServer}
 * offers the same over HTTP (the faithful wiring); this is the direct seam.
 */
public final class PodLogs {
    private final Map<String, Kubelet> kubelets = new ConcurrentHashMap<>();

    public void register(Kubelet kubelet) {
        kubelets.put(kubelet.nodeName(), kubelet);
    }

    public void unregister(Kubelet kubelet) {
        kubelets.remove(kubelet.nodeName(), kubelet);
    }

    public Optional<Kubelet> kubelet(String nodeName) {
        return Optional.ofNullable(kubelets.get(nodeName));
    }

    /**
     * The log of {@code container} (null: the only app container) of a pod on {@code nodeName}.
     *
     * @throws KubeletException 404 if no simulated kubelet runs that node or it does not have the pod,
     *                          503 if the kubelet is stopped (the real API server cannot reach it then),
     *                          400 for a container that cannot serve logs (see {@link Kubelet#logs})
     */
    public String logs(String nodeName, String namespace, String pod, String container, Integer tailLines,
                       boolean timestamps, boolean previous) {
        Kubelet k = kubelets.get(nodeName);
        if (k == null) {
            throw new KubeletException(404, "no simulated kubelet for node \"" + nodeName + "\"");
        }
        if (!k.isRunning()) {
            throw new KubeletException(503, "Get \"https://" + k.config().internalIp() + ":10250/containerLogs/" + namespace + "/"
                    + pod + "/" + container + "\": dial tcp " + k.config().internalIp() + ":10250: connect: connection refused");
        }
        return k.logs(namespace, pod, container, tailLines, timestamps, previous);
    }

    /** Searches every node for the pod (when the caller does not know its node). */
    public Optional<Kubelet> nodeOf(String namespace, String pod) {
        String key = Kubelet.key(namespace, pod);
        return kubelets.values().stream().filter(k -> k.pods().contains(key)).findFirst();
    }
}
