package dev.kubelab.cluster;

/**
 * The API server audit policy kubelab gives real kube-apiservers (kind, binaries), so that {@code %%trace} can read
 * what the API server did from its audit log.
 */
public final class AuditPolicy {
    private AuditPolicy() {
    }

    /**
     * Rules are matched in order: drop heartbeat noise (leases, health checks), keep secrets and configmaps at
     * Metadata (their data must not land in a log), record request bodies of writes (pods, bindings, status
     * updates — what a trace shows), metadata of everything else.
     */
    public static String yaml() {
        return String.join("\n",
                "apiVersion: audit.k8s.io/v1",
                "kind: Policy",
                "# kubelab: what %%trace reads. Generated; see dev.kubelab.cluster.AuditPolicy.",
                "omitStages:",
                "  - RequestReceived",
                "rules:",
                "  - level: None",
                "    resources:",
                "      - group: coordination.k8s.io",
                "        resources: [leases]",
                "  - level: None",
                "    nonResourceURLs: [/healthz*, /readyz*, /livez*, /version, /openapi*, /metrics]",
                "  - level: Metadata",
                "    resources:",
                "      - group: \"\"",
                "        resources: [secrets, configmaps]",
                "  - level: Request",
                "    verbs: [create, update, patch, delete, deletecollection]",
                "  - level: Metadata",
                "");
    }
}
