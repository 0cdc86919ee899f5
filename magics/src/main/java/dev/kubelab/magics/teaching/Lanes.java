package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.TraceSource;

/** Which lane (component) of a %%trace diagram made a request or received a watch notification. */
final class Lanes {
    static final String USER = "user/kubectl";
    static final String APISERVER = "kube-apiserver";
    static final String ETCD = "etcd";
    static final String SCHEDULER = "kube-scheduler";
    static final String CONTROLLER_MANAGER = "kube-controller-manager";
    static final String TRACER_AGENT = "kubelab-trace";

    private Lanes() {
    }

    /** The lane of a request's or watch's user; null for components a trace does not draw (e.g. kube-proxy). */
    static String of(TraceSource.Event e) {
        String user = e.user() == null ? "" : e.user();
        String agent = e.userAgent() == null ? "" : e.userAgent();
        if (user.equals("system:kube-scheduler") || agent.startsWith("kube-scheduler")) return SCHEDULER;
        if (user.equals("system:kube-controller-manager") || agent.startsWith("kube-controller-manager")
                || user.startsWith("system:serviceaccount:kube-system:") && user.endsWith("-controller")) return CONTROLLER_MANAGER;
        if (user.startsWith("system:node:")) return "kubelet@" + user.substring("system:node:".length());
        if (user.equals("system:kube-proxy") || agent.startsWith("kube-proxy")) return "kube-proxy";
        return USER;
    }

    /** The client behind a request, for the table (kubectl, java client, or the component). */
    static String who(TraceSource.Event e) {
        String agent = e.userAgent() == null ? "" : e.userAgent();
        String lane = of(e);
        if (lane.equals(USER)) {
            if (agent.startsWith("kubectl")) return "kubectl (" + e.user() + ")";
            return "java client (" + e.user() + ")";
        }
        return lane + " (" + e.user() + ")";
    }
}
