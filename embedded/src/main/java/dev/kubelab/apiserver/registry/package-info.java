/**
 * Per-kind knowledge of the API server, laid out as kube-apiserver's pkg/registry/&lt;group&gt;/&lt;kind&gt;:
 * defaults (pkg/apis/&lt;group&gt;/v1/defaults.go), create/update preparation and validation.
 *
 * <p>How the generic store uses a {@link dev.kubelab.apiserver.registry.ResourceStrategy}, in kube-apiserver's order:
 * <ul>
 *   <li>create: decode → {@code applyDefaults} (may throw a 400 {@code StatusError} for what the decoder rejects,
 *       e.g. an unparseable quantity or non-base64 secret data) → mutating admission → {@code prepareForCreate}
 *       (status reset, generation 1) → assign uid/creationTimestamp → {@code validate} (Jobs generate their
 *       selector here from the uid, as kube-apiserver does) → validating admission → store;</li>
 *   <li>update: decode → {@code applyDefaults} → admission → {@code prepareForUpdate(new, old)} (old status kept,
 *       generation +1 on spec change) → {@code validateUpdate(new, old)};</li>
 *   <li>status subresource: {@code prepareForStatusUpdate(new, old)} (old spec kept) → {@code validateStatusUpdate}.</li>
 * </ul>
 * The store sets metadata.namespace from the URL before validation (namespaced kinds require it).
 * A non-empty cause list becomes {@code StatusError.invalid(group, Kind, name, causes)} (422).
 * Priority/preemptionPolicy of pods are the Priority admission plugin's job; ClusterIP/NodePort allocation is the
 * service REST storage's.
 */
package dev.kubelab.apiserver.registry;
