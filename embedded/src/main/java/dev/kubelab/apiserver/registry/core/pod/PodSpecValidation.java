package dev.kubelab.apiserver.registry.core.pod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation;
import dev.kubelab.apiserver.validation.Quantities;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ValidatePodSpec of pkg/apis/core/validation (the parts a learner meets): containers, ports, env, volume mounts,
 * resources, restart and DNS policy, volumes, tolerations, node selector. Shared by pods and pod templates.
 */
public final class PodSpecValidation {

    public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private PodSpecValidation() {}

    public static void validate(JsonNode spec, FieldPath path, FieldErrors errs) {
        Set<String> volumes = volumes(spec.path("volumes"), path.child("volumes"), errs);
        Set<String> names = new HashSet<>();
        containers(spec.path("initContainers"), path.child("initContainers"), volumes, names, errs, false);
        containers(spec.path("containers"), path.child("containers"), volumes, names, errs, true);
        restartPolicy(spec.path("restartPolicy"), path.child("restartPolicy"), errs);
        String dns = spec.path("dnsPolicy").asText("");
        if (dns.isEmpty()) errs.required(path.child("dnsPolicy"), "");
        else if (!DNS_POLICIES.contains(dns)) errs.notSupported(path.child("dnsPolicy"), dns, DNS_POLICIES);
        ObjectMetaValidation.validateLabels(spec.get("nodeSelector"), path.child("nodeSelector"), errs);
        String sa = spec.path("serviceAccountName").asText("");
        if (!sa.isEmpty()) for (String m : NameValidation.dns1123Subdomain(sa)) errs.invalid(path.child("serviceAccountName"), sa, m);
        for (String field : new String[] {"hostname", "subdomain"}) {
            String v = spec.path(field).asText("");
            if (!v.isEmpty()) for (String m : NameValidation.dns1123Label(v)) errs.invalid(path.child(field), v, m);
        }
        JsonNode deadline = spec.get("activeDeadlineSeconds");
        if (deadline != null && deadline.isNumber() && deadline.asLong() <= 0) {
            errs.invalid(path.child("activeDeadlineSeconds"), deadline, "must be between 1 and 2147483647, inclusive");
        }
        tolerations(spec.path("tolerations"), path.child("tolerations"), errs);
    }

    public static void restartPolicy(JsonNode value, FieldPath path, FieldErrors errs) {
        String policy = value.asText("");
        if (policy.isEmpty()) errs.required(path, "");
        else if (!RESTART_POLICIES.contains(policy)) errs.notSupported(path, policy, RESTART_POLICIES);
    }

    private static Set<String> volumes(JsonNode list, FieldPath path, FieldErrors errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asText("");
            FieldPath p = path.index(i).child("name");
            if (name.isEmpty()) errs.required(p, "");
            else for (String m : NameValidation.dns1123Label(name)) errs.invalid(p, name, m);
            if (!name.isEmpty() && !names.add(name)) errs.duplicate(p, name);
        }
        return names;
    }

    private static void containers(JsonNode list, FieldPath path, Set<String> volumes, Set<String> names,
                                   FieldErrors errs, boolean required) {
        if (required && list.isEmpty()) {
            errs.required(path, "");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            FieldPath p = path.index(i);
            String name = c.path("name").asText("");
            if (name.isEmpty()) errs.required(p.child("name"), "");
            else for (String m : NameValidation.dns1123Label(name)) errs.invalid(p.child("name"), name, m);
            if (!name.isEmpty() && !names.add(name)) errs.duplicate(p.child("name"), name);
            if (c.path("image").asText("").isEmpty()) errs.required(p.child("image"), "");
            String pull = c.path("imagePullPolicy").asText("");
            if (pull.isEmpty()) errs.required(p.child("imagePullPolicy"), "");
            else if (!PULL_POLICIES.contains(pull)) errs.notSupported(p.child("imagePullPolicy"), pull, PULL_POLICIES);
            String tmp = c.path("terminationMessagePolicy").asText("");
            if (!tmp.isEmpty() && !TERMINATION_MESSAGE_POLICIES.contains(tmp)) {
                errs.notSupported(p.child("terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES);
            }
            ports(c.path("ports"), p.child("ports"), errs);
            env(c.path("env"), p.child("env"), errs);
            mounts(c.path("volumeMounts"), p.child("volumeMounts"), volumes, errs);
            resources(c.path("resources"), p.child("resources"), errs);
        }
    }

    private static void ports(JsonNode ports, FieldPath path, FieldErrors errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            FieldPath p = path.index(i);
            String name = port.path("name").asText("");
            if (!name.isEmpty()) {
                for (String m : NameValidation.portName(name)) errs.invalid(p.child("name"), name, m);
                if (!names.add(name)) errs.duplicate(p.child("name"), name);
            }
            long containerPort = port.path("containerPort").asLong(0);
            if (containerPort == 0) errs.required(p.child("containerPort"), "");
            else for (String m : NameValidation.portNum(containerPort)) errs.invalid(p.child("containerPort"), containerPort, m);
            long hostPort = port.path("hostPort").asLong(0);
            if (hostPort != 0) for (String m : NameValidation.portNum(hostPort)) errs.invalid(p.child("hostPort"), hostPort, m);
            String protocol = port.path("protocol").asText("");
            if (protocol.isEmpty()) errs.required(p.child("protocol"), "");
            else if (!PROTOCOLS.contains(protocol)) errs.notSupported(p.child("protocol"), protocol, PROTOCOLS);
        }
    }

    private static void env(JsonNode env, FieldPath path, FieldErrors errs) {
        for (int i = 0; i < env.size(); i++) {
            FieldPath p = path.index(i).child("name");
            String name = env.get(i).path("name").asText("");
            if (name.isEmpty()) errs.required(p, "");
            else for (String m : NameValidation.envVarName(name)) errs.invalid(p, name, m);
        }
    }

    private static void mounts(JsonNode mounts, FieldPath path, Set<String> volumes, FieldErrors errs) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode m = mounts.get(i);
            FieldPath p = path.index(i);
            String name = m.path("name").asText("");
            if (name.isEmpty()) errs.required(p.child("name"), "");
            else if (!volumes.contains(name)) errs.notFound(p.child("name"), name);
            String mountPath = m.path("mountPath").asText("");
            if (mountPath.isEmpty()) errs.required(p.child("mountPath"), "");
            else if (!paths.add(mountPath)) errs.invalid(p.child("mountPath"), mountPath, "must be unique");
        }
    }

    /** ValidateResourceRequirements: valid non-negative quantities, requests ≤ limits. */
    public static void resources(JsonNode resources, FieldPath path, FieldErrors errs) {
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        Map<String, BigDecimal> limits = quantities(resources.path("limits"), limPath, errs);
        Map<String, BigDecimal> requests = quantities(resources.path("requests"), reqPath, errs);
        requests.forEach((resource, request) -> {
            BigDecimal limit = limits.get(resource);
            if (limit != null && request.compareTo(limit) > 0) {
                errs.invalid(reqPath, resources.path("requests").path(resource).asText(),
                        "must be less than or equal to " + resource + " limit of " + resources.path("limits").path(resource).asText());
            }
        });
    }

    private static Map<String, BigDecimal> quantities(JsonNode map, FieldPath path, FieldErrors errs) {
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        map.fields().forEachRemaining(e -> {
            String text = e.getValue().asText();
            Optional<BigDecimal> q = Quantities.parse(text);
            FieldPath p = path.key(e.getKey());
            if (q.isEmpty()) {
                errs.invalid(p, text, Quantities.FORMAT_ERROR);
            } else if (q.get().signum() < 0) {
                errs.invalid(p, text, "must be greater than or equal to 0");
            } else {
                out.put(e.getKey(), q.get());
            }
        });
        return out;
    }

    private static void tolerations(JsonNode list, FieldPath path, FieldErrors errs) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            FieldPath p = path.index(i);
            String key = t.path("key").asText("");
            String op = t.path("operator").asText("");
            if (!key.isEmpty()) for (String m : NameValidation.qualifiedName(key)) errs.invalid(p.child("key"), key, m);
            if (key.isEmpty() && !op.equals("Exists")) {
                errs.invalid(p.child("operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }
            if (!op.isEmpty() && !TOLERATION_OPERATORS.contains(op)) errs.notSupported(p.child("operator"), op, TOLERATION_OPERATORS);
            if (op.equals("Exists") && !t.path("value").asText("").isEmpty()) {
                errs.invalid(p.child("operator"), t.path("value").asText(), "value must be empty when `operator` is 'Exists'");
            }
            String effect = t.path("effect").asText("");
            if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) errs.notSupported(p.child("effect"), effect, TAINT_EFFECTS);
        }
    }
}
