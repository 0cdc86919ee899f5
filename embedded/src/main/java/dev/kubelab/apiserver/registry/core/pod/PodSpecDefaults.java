package dev.kubelab.apiserver.registry.core.pod;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.optionalObject;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe, SetDefaults_*VolumeSource … of
 * pkg/apis/core/v1/defaults.go, applied to a pod's spec or a pod template's spec.
 */
public final class PodSpecDefaults {

    private PodSpecDefaults() {}

    public static void apply(ObjectNode spec) {
        put(spec, "dnsPolicy", "ClusterFirst");
        put(spec, "restartPolicy", "Always");
        object(spec, "securityContext");
        put(spec, "terminationGracePeriodSeconds", 30L);
        put(spec, "schedulerName", "default-scheduler");
        for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            for (ObjectNode c : objects(spec, list)) container(c);
        }
        for (ObjectNode v : objects(spec, "volumes")) volume(v);
        syncServiceAccount(spec);
    }

    /**
     * The v1 conversion keeps the deprecated spec.serviceAccount equal to spec.serviceAccountName (either one
     * given fills the other), which is why real pods show both.
     */
    public static void syncServiceAccount(ObjectNode spec) {
        String name = spec.path("serviceAccountName").asText("");
        String deprecated = spec.path("serviceAccount").asText("");
        if (name.isEmpty() && !deprecated.isEmpty()) spec.put("serviceAccountName", deprecated);
        else if (!name.isEmpty()) spec.put("serviceAccount", name);
    }

    static void container(ObjectNode c) {
        put(c, "imagePullPolicy", imagePullPolicy(c.path("image").asText("")));
        put(c, "terminationMessagePath", "/dev/termination-log");
        put(c, "terminationMessagePolicy", "File");
        object(c, "resources");
        for (ObjectNode port : objects(c, "ports")) put(port, "protocol", "TCP");
        for (ObjectNode env : objects(c, "env")) {
            ObjectNode from = optionalObject(env, "valueFrom");
            ObjectNode fieldRef = from == null ? null : optionalObject(from, "fieldRef");
            if (fieldRef != null) put(fieldRef, "apiVersion", "v1");
        }
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            ObjectNode p = optionalObject(c, probe);
            if (p == null) continue;
            put(p, "timeoutSeconds", 1);
            put(p, "periodSeconds", 10);
            put(p, "successThreshold", 1);
            put(p, "failureThreshold", 3);
            httpGet(p);
        }
        ObjectNode lifecycle = optionalObject(c, "lifecycle");
        if (lifecycle != null) {
            for (String hook : new String[] {"postStart", "preStop"}) {
                ObjectNode h = optionalObject(lifecycle, hook);
                if (h != null) httpGet(h);
            }
        }
    }

    private static void httpGet(ObjectNode handler) {
        ObjectNode get = optionalObject(handler, "httpGet");
        if (get != null) {
            put(get, "scheme", "HTTP");
            if (get.path("path").asText("").isEmpty() && !get.has("path")) get.put("path", "/");
        }
    }

    private static void volume(ObjectNode v) {
        for (String source : new String[] {"configMap", "secret", "downwardAPI", "projected"}) {
            ObjectNode s = optionalObject(v, source);
            if (s != null) put(s, "defaultMode", 420);
        }
        ObjectNode hostPath = optionalObject(v, "hostPath");
        if (hostPath != null) put(hostPath, "type", "");
        ObjectNode downward = optionalObject(v, "downwardAPI");
        if (downward != null) {
            for (ObjectNode item : objects(downward, "items")) {
                ObjectNode fieldRef = optionalObject(item, "fieldRef");
                if (fieldRef != null) put(fieldRef, "apiVersion", "v1");
            }
        }
    }

    /**
     * SetDefaults_Container: Always when the image's tag is "latest" or it has neither tag nor digest, else
     * IfNotPresent (parsers.ParseImageName's notion of tag: after the last ':' past the last '/').
     */
    public static String imagePullPolicy(String image) {
        String name = image;
        boolean digest = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
            digest = true;
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon + 1) : "";
        if (tag.isEmpty() && !digest) tag = "latest";
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }
}
