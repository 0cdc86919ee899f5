package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.Optional;

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount), on pod creation: defaults spec.serviceAccountName to
 * {@code default}; rejects the pod if that service account does not exist; unless automounting is switched off
 * (pod first, then service account), mounts the {@code kube-api-access-xxxxx} projected volume — a bound token
 * (expirationSeconds 3607), the kube-root-ca.crt ConfigMap's ca.crt and the namespace — read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount in every container and init container; copies the service
 * account's imagePullSecrets when the pod names none. Mirror pods may not reference service accounts or secrets.
 *
 * <p>The default service account is created by a controller just after its namespace, so, as kube-apiserver does,
 * a missing {@code default} is looked up again a few times before the pod is rejected.
 */
public final class ServiceAccount implements AdmissionPlugin {

    public static final String DEFAULT_SERVICE_ACCOUNT = "default";
    public static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    public static final String VOLUME_PREFIX = "kube-api-access-";
    static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"; // names.SimpleNameGenerator

    private final ObjectReader reader;
    private final int defaultLookupAttempts;
    private final long retryIntervalMillis;

    public ServiceAccount(ObjectReader reader) {
        this(reader, 10, 100);
    }

    /**
     * @param defaultLookupAttempts how often a missing default SA is looked up (kube-apiserver: 10)
     * @param retryIntervalMillis the least wait between lookups; as kube-apiserver, up to twice that, drawn per request
     */
    public ServiceAccount(ObjectReader reader, int defaultLookupAttempts, long retryIntervalMillis) {
        this.reader = reader;
        this.defaultLookupAttempts = Math.max(1, defaultLookupAttempts);
        this.retryIntervalMillis = retryIntervalMillis;
    }

    @Override
    public String name() {
        return "ServiceAccount";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!Admission.isPod(a) || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        ObjectNode pod = a.object();
        if (isMirrorPod(pod)) return;
        ObjectNode spec = Admission.spec(pod);
        if (spec.path("serviceAccountName").asText("").isEmpty()) spec.put("serviceAccountName", DEFAULT_SERVICE_ACCOUNT);
        ObjectNode sa = lookup(a, spec.path("serviceAccountName").asText());
        if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec);
        JsonNode pullSecrets = spec.path("imagePullSecrets");
        if ((pullSecrets.isMissingNode() || pullSecrets.isNull() || pullSecrets.isEmpty()) && sa.path("imagePullSecrets").size() > 0) {
            ArrayNode copy = spec.putArray("imagePullSecrets");
            for (JsonNode s : sa.path("imagePullSecrets")) copy.addObject().put("name", s.path("name").asText());
        }
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!Admission.isPod(a) || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        ObjectNode pod = a.object();
        JsonNode spec = pod.path("spec");
        if (isMirrorPod(pod)) {
            if (!spec.path("serviceAccountName").asText("").isEmpty()) {
                throw Admission.forbidden(a, "a mirror pod may not reference service accounts");
            }
            for (JsonNode v : spec.path("volumes")) {
                if (v.has("secret")) throw Admission.forbidden(a, "a mirror pod may not reference secrets");
                if (v.has("projected")) {
                    for (JsonNode src : v.path("projected").path("sources")) {
                        if (src.has("secret")) throw Admission.forbidden(a, "a mirror pod may not reference secrets");
                        if (src.has("serviceAccountToken")) throw Admission.forbidden(a, "a mirror pod may not use ServiceAccountToken volume projections");
                    }
                }
            }
            return;
        }
        if (spec.path("serviceAccountName").asText("").isEmpty()) {
            throw Admission.forbidden(a, "no service account specified for pod " + a.namespace() + "/"
                    + pod.path("metadata").path("name").asText(""));
        }
        lookupOnce(a, spec.path("serviceAccountName").asText());
    }

    private ObjectNode lookup(AdmissionAttributes a, String name) {
        int attempts = DEFAULT_SERVICE_ACCOUNT.equals(name) ? defaultLookupAttempts : 1;
        long interval = retryIntervalMillis + java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, retryIntervalMillis)); // 100-200 ms, as kube-apiserver
        for (int i = 0; i < attempts; i++) {
            Optional<ObjectNode> sa = reader.get("serviceaccounts", a.namespace(), name);
            if (sa.isPresent()) return sa.get();
            if (i + 1 < attempts) sleep(interval);
        }
        throw notFound(a, name);
    }

    private void lookupOnce(AdmissionAttributes a, String name) {
        if (reader.get("serviceaccounts", a.namespace(), name).isEmpty()) throw notFound(a, name);
    }

    private static StatusError notFound(AdmissionAttributes a, String name) {
        return Admission.forbidden(a, "error looking up service account " + a.namespace() + "/" + name
                + ": serviceaccount \"" + name + "\" not found");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isMirrorPod(ObjectNode pod) {
        return pod.path("metadata").path("annotations").has(MIRROR_POD_ANNOTATION);
    }

    /** The pod's automountServiceAccountToken wins, then the service account's, else true. */
    static boolean shouldAutomount(JsonNode sa, JsonNode podSpec) {
        if (podSpec.path("automountServiceAccountToken").isBoolean()) return podSpec.get("automountServiceAccountToken").asBoolean();
        if (sa.path("automountServiceAccountToken").isBoolean()) return sa.get("automountServiceAccountToken").asBoolean();
        return true;
    }

    private static void mountServiceAccountToken(ObjectNode spec) {
        String volumeName = null;
        boolean hasVolume = false;
        for (JsonNode v : spec.path("volumes")) {
            if (v.path("name").asText().startsWith(VOLUME_PREFIX)) {
                volumeName = v.path("name").asText();
                hasVolume = true;
                break;
            }
        }
        if (volumeName == null) volumeName = VOLUME_PREFIX + randomSuffix();
        boolean needsVolume = mountIn(spec.path("initContainers"), volumeName);
        needsVolume |= mountIn(spec.path("containers"), volumeName);
        if (!hasVolume && needsVolume) {
            ArrayNode volumes = spec.has("volumes") && spec.get("volumes").isArray() ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
            volumes.add(tokenVolume(volumeName));
        }
    }

    private static boolean mountIn(JsonNode containers, String volumeName) {
        boolean mounted = false;
        for (JsonNode c : containers) {
            boolean existing = false;
            for (JsonNode m : c.path("volumeMounts")) if (TOKEN_MOUNT_PATH.equals(m.path("mountPath").asText())) existing = true;
            if (existing) continue;
            ObjectNode container = (ObjectNode) c;
            ArrayNode mounts = container.has("volumeMounts") && container.get("volumeMounts").isArray()
                    ? (ArrayNode) container.get("volumeMounts") : container.putArray("volumeMounts");
            mounts.addObject().put("mountPath", TOKEN_MOUNT_PATH).put("name", volumeName).put("readOnly", true);
            mounted = true;
        }
        return mounted;
    }

    /** TokenVolumeSource(): what a real pod's kube-api-access volume looks like. */
    static ObjectNode tokenVolume(String name) {
        ObjectNode v = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        v.put("name", name);
        ObjectNode projected = v.putObject("projected");
        projected.put("defaultMode", 420);
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        ObjectNode cm = sources.addObject().putObject("configMap");
        cm.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        cm.put("name", "kube-root-ca.crt");
        ObjectNode downward = sources.addObject().putObject("downwardAPI");
        ObjectNode item = downward.putArray("items").addObject();
        item.putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        item.put("path", "namespace");
        return v;
    }

    /** utilrand.String(5): math/rand, as the suffix is no secret (so no SecureRandom on every pod create). */
    private static String randomSuffix() {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) b.append(NAME_ALPHABET.charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(NAME_ALPHABET.length())));
        return b.toString();
    }
}
