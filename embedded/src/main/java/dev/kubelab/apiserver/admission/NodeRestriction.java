package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.Optional;

/**
 * NodeRestriction (plugin/pkg/admission/noderestriction), simplified: a kubelet ({@code system:node:<name>} in
 * {@code system:nodes}) may only modify its own Node, its own Lease in kube-node-lease, mirror pods bound to
 * itself, and the status, deletion and eviction of pods bound to itself. Not modelled: the label restrictions
 * (node-restriction.kubernetes.io/), service-account token requests, PVC status and ResourceSlices.
 */
public final class NodeRestriction implements AdmissionPlugin {

    private static final String PREFIX = "system:node:";
    private final ObjectReader reader;

    public NodeRestriction(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "NodeRestriction";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        String node = nodeName(a.user());
        if (node == null || a.resource() == null) return;
        String group = a.resource().group(), resource = a.resource().resource(), sub = Admission.subresource(a);
        if (group.isEmpty() && resource.equals("nodes")) {
            String requested = a.name() != null && !a.name().isEmpty() ? a.name()
                    : a.object() == null ? "" : a.object().path("metadata").path("name").asText();
            if (!requested.equals(node)) {
                throw Admission.forbidden(a, "node \"" + node + "\" is not allowed to modify node \"" + requested + "\"");
            }
        } else if (group.isEmpty() && resource.equals("pods")) {
            admitPod(a, node, sub);
        } else if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
            if (!"kube-node-lease".equals(a.namespace())) {
                throw Admission.forbidden(a, "can only access leases in the \"kube-node-lease\" system namespace");
            }
            if (!node.equals(a.name())) {
                throw Admission.forbidden(a, "can only access node lease with the same name as the requesting node");
            }
        }
    }

    private void admitPod(AdmissionAttributes a, String node, String sub) {
        switch (sub) {
            case "" -> {
                if (a.operation().equals(Admission.CREATE)) {
                    ObjectNode pod = a.object();
                    if (!ServiceAccount.isMirrorPod(pod)) {
                        throw Admission.forbidden(a, "pod does not have \"kubernetes.io/config.mirror\" annotation, node \""
                                + node + "\" can only create mirror pods");
                    }
                    if (!node.equals(pod.path("spec").path("nodeName").asText())) {
                        throw Admission.forbidden(a, "node \"" + node + "\" can only create pods with spec.nodeName set to itself");
                    }
                } else if (a.operation().equals(Admission.DELETE)) {
                    if (!node.equals(boundNode(a))) {
                        throw Admission.forbidden(a, "node \"" + node + "\" can only delete pods with spec.nodeName set to itself");
                    }
                } else {
                    throw Admission.forbidden(a, "unexpected operation \"" + a.operation() + "\", node \"" + node
                            + "\" can only create and delete mirror pods");
                }
            }
            case "status" -> {
                if (!node.equals(boundNode(a))) {
                    throw Admission.forbidden(a, "node \"" + node + "\" can only update pod status for pods with spec.nodeName set to itself");
                }
            }
            case "eviction" -> {
                if (!node.equals(boundNode(a))) {
                    throw Admission.forbidden(a, "node " + node + " can only evict pods with spec.nodeName set to itself");
                }
            }
            default -> { }
        }
    }

    /** The node the stored pod is bound to (the old object, or the store if the caller did not pass it). */
    private String boundNode(AdmissionAttributes a) {
        JsonNode old = a.oldObject();
        if (old == null) {
            Optional<ObjectNode> stored = reader.get("pods", a.namespace(), a.name());
            if (stored.isEmpty()) return null;
            old = stored.get();
        }
        return old.path("spec").path("nodeName").asText(null);
    }

    static String nodeName(UserInfo user) {
        if (user == null || !user.groups().contains("system:nodes") || !user.name().startsWith(PREFIX)) return null;
        String n = user.name().substring(PREFIX.length());
        return n.isEmpty() ? null : n;
    }
}
