package dev.kubelab.cluster.audit;

import java.time.Instant;

/**
 * Audit log lines shaped as kube-apiserver's JSON log backend writes them (audit.k8s.io/v1 Event: level, auditID,
 * stage, requestURI, verb, user, sourceIPs, userAgent, objectRef, responseStatus, requestReceivedTimestamp,
 * stageTimestamp, annotations), for the pod-creation flow on a kind cluster. Public: the magics' tests use them too.
 */
public final class AuditLogLines {
    private AuditLogLines() {
    }

    /** One ResponseComplete record. {@code at} is when the request was received; the response follows 3 ms later. */
    public static String line(Instant at, String stage, String verb, String uri, String user, String agent, String resource,
                              String subresource, String namespace, String name, int code) {
        String ref = "{\"resource\":\"" + resource + "\"" + (namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"")
                + (name == null ? "" : ",\"name\":\"" + name + "\"") + ",\"apiVersion\":\"v1\""
                + (subresource == null ? "" : ",\"subresource\":\"" + subresource + "\"") + "}";
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + java.util.UUID.randomUUID()
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb + "\",\"user\":{\"username\":\"" + user
                + "\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"172.18.0.1\"],\"userAgent\":\"" + agent
                + "\",\"objectRef\":" + ref + ",\"responseStatus\":{\"metadata\":{},\"code\":" + code + "},\"requestReceivedTimestamp\":\""
                + micro(at) + "\",\"stageTimestamp\":\"" + micro(at.plusMillis(3)) + "\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                + "\"authorization.k8s.io/reason\":\"\"}}\n";
    }

    /** kube-apiserver writes metav1.MicroTime: RFC 3339 with exactly six fractional digits. */
    static String micro(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC).format(t);
    }

    /** kubectl run web: create, the scheduler's binding, the kubelet's status patch, and noise a trace leaves out or filters. */
    public static String podCreation(Instant t0, String node) {
        String kubectl = "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc";
        return line(t0, "ResponseComplete", "create", "/api/v1/namespaces/default/pods?fieldManager=kubectl-run", "kubernetes-admin",
                kubectl, "pods", null, "default", "web", 201)
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"x\",\"stage\":\"ResponseComplete\","
                + "\"requestURI\":\"/readyz\",\"verb\":\"get\",\"user\":{\"username\":\"system:anonymous\"},\"sourceIPs\":[\"172.18.0.1\"],"
                + "\"userAgent\":\"kube-probe/1.31\",\"responseStatus\":{\"metadata\":{},\"code\":200},"
                + "\"requestReceivedTimestamp\":\"" + micro(t0.plusMillis(2)) + "\",\"stageTimestamp\":\"" + micro(t0.plusMillis(2)) + "\"}\n"
                + line(t0.plusMillis(4), "ResponseStarted", "watch", "/api/v1/pods?watch=true", "system:kube-scheduler",
                "kube-scheduler/v1.31.0 (linux/amd64) kubernetes/9edcffc/scheduler", "pods", null, null, null, 200)
                + line(t0.plusMillis(10), "ResponseComplete", "create", "/api/v1/namespaces/default/pods/web/binding", "system:kube-scheduler",
                "kube-scheduler/v1.31.0 (linux/amd64) kubernetes/9edcffc/scheduler", "pods", "binding", "default", "web", 201)
                + line(t0.plusMillis(20), "ResponseComplete", "create", "/apis/apps/v1/namespaces/default/replicasets",
                "system:serviceaccount:kube-system:replicaset-controller", "kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/9edcffc/system:serviceaccount:kube-system:replicaset-controller",
                "replicasets", null, "default", "web-5d4f", 201)
                + line(t0.plusMillis(30), "ResponseComplete", "patch", "/api/v1/namespaces/default/pods/web/status", "system:node:" + node,
                "kubelet/v1.31.0 (linux/amd64) kubernetes/9edcffc", "pods", "status", "default", "web", 200);
    }
}
