package dev.kubelab.apiserver.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a request path asks for, parsed as k8s.io/apiserver's RequestInfoFactory does:
 * /api/v1/namespaces/{ns}/{resource}/{name}/{subresource} and /apis/{group}/{version}/….
 */
public record RequestInfo(boolean resourceRequest, String path, String verb, String apiPrefix, String group,
                          String version, String namespace, String resource, String name, String subresource,
                          List<String> parts) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public static RequestInfo parse(String method, String path, boolean watchParam) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) if (!p.isEmpty()) parts.add(java.net.URLDecoder.decode(p, java.nio.charset.StandardCharsets.UTF_8));
        String verb = method.toLowerCase(java.util.Locale.ROOT);
        if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return nonResource(verb, path, parts);
        }
        String prefix = parts.get(0);
        int i = 1;
        String group = "";
        if (prefix.equals("apis")) {
            if (parts.size() < 3) return nonResource(verb, path, parts);
            group = parts.get(1);
            i = 2;
        } else if (parts.size() < 2) {
            return nonResource(verb, path, parts);
        }
        String version = parts.get(i++);
        List<String> rest = new ArrayList<>(parts.subList(i, parts.size()));
        if (rest.isEmpty()) return nonResource(verb, path, parts);
        boolean legacyWatch = false;
        if (rest.get(0).equals("watch")) {
            legacyWatch = true;
            rest.remove(0);
            if (rest.isEmpty()) return nonResource(verb, path, parts);
        }
        String ns = null;
        if (rest.get(0).equals("namespaces")) {
            if (rest.size() > 1) {
                ns = rest.get(1);
                if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                    rest = rest.subList(2, rest.size());
                }
            }
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? rest.get(2) : null;
        if (resource.equals("namespaces") && ns != null && rest.get(0).equals("namespaces")) {
            name = ns;
            ns = null;
            sub = rest.size() > 2 ? rest.get(2) : null;
        }
        if (rest.size() > 3) {
            // deeper paths (e.g. proxy) are not served
            sub = String.join("/", rest.subList(2, rest.size()));
        }
        String v = switch (verb) {
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> name == null ? "deletecollection" : "delete";
            case "get", "head" -> (watchParam || legacyWatch) ? "watch" : (name == null ? "list" : "get");
            default -> verb;
        };
        return new RequestInfo(true, path, v, prefix, group, version, ns, resource, name, sub, parts);
    }

    private static RequestInfo nonResource(String verb, String path, List<String> parts) {
        return new RequestInfo(false, path, verb, "", "", "", null, null, null, null, parts);
    }
}
