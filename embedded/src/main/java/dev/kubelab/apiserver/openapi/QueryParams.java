package dev.kubelab.apiserver.openapi;

import java.util.Map;

/** Descriptions of kube-apiserver's common query parameters, as its OpenAPI documents carry them. */
final class QueryParams {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("dryRun", "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed"),
            Map.entry("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint."),
            Map.entry("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered."),
            Map.entry("force", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."),
            Map.entry("watch", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion."),
            Map.entry("limit", "limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results."),
            Map.entry("continue", "The continue option should be set when retrieving more results from the server."),
            Map.entry("labelSelector", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
            Map.entry("fieldSelector", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
            Map.entry("resourceVersion", "resourceVersion sets a constraint on what resource versions a request may be served from."),
            Map.entry("timeoutSeconds", "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity."),
            Map.entry("gracePeriodSeconds", "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately."),
            Map.entry("propagationPolicy", "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'."));

    private QueryParams() {}

    static String description(String name) {
        return DESCRIPTIONS.getOrDefault(name, name);
    }

    static String type(String name) {
        return switch (name) {
            case "watch", "force" -> "boolean";
            case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
            default -> "string";
        };
    }
}
