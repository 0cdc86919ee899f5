package dev.kubelab.apiserver.authorization;

import dev.kubelab.apiserver.authentication.UserInfo;

/**
 * What is being asked (k8s.io/apiserver/pkg/authorization/authorizer.Attributes).
 * For resource requests: verb is get|list|watch|create|update|patch|delete|deletecollection;
 * for non-resource requests path is set and resourceRequest is false.
 */
public record Attributes(UserInfo user, String verb, String namespace, String apiGroup, String resource,
                         String subresource, String name, boolean resourceRequest, String path) {}
