package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.registry.ResourceInfo;

/**
 * One write as admission sees it (k8s.io/apiserver/pkg/admission.Attributes).
 * operation is CREATE, UPDATE, DELETE or CONNECT; object is mutable for mutating plugins;
 * oldObject is set for UPDATE and DELETE.
 */
public record AdmissionAttributes(String operation, ResourceInfo resource, String subresource,
                                  String namespace, String name, ObjectNode object, ObjectNode oldObject,
                                  UserInfo user, boolean dryRun) {}
