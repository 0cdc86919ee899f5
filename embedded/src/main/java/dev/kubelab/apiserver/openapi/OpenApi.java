package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The OpenAPI documents kube-apiserver serves: /openapi/v2 (swagger 2.0) and /openapi/v3
 * (an index of group-versions) plus /openapi/v3/apis/&lt;group&gt;/&lt;version&gt;.
 */
public final class OpenApi {

    private OpenApi() {}

    public static ObjectNode v2() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.31.0");
        doc.putObject("paths");
        doc.putObject("definitions");
        return doc;
    }

    /** The /openapi/v3 index: {"paths": {"api/v1": {"serverRelativeURL": "..."}}}. */
    public static ObjectNode v3Index() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putObject("paths");
        return doc;
    }

    /** The document for one group-version path such as "api/v1" or "apis/apps/v1". */
    public static Optional<ObjectNode> v3(String groupVersionPath) {
        return Optional.empty();
    }
}
