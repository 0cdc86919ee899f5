package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns client exceptions into the Status message Go's client shows (e.g. {@code pods "x" already exists}). */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static String message(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    public static boolean isNotFound(Throwable e) {
        return e instanceof KubernetesClientException k && k.getCode() == 404;
    }

    public static boolean isConflict(Throwable e) {
        return e instanceof KubernetesClientException k && k.getCode() == 409;
    }

    public static boolean isAlreadyExists(Throwable e) {
        return e instanceof KubernetesClientException k && k.getCode() == 409
                && k.getStatus() != null && "AlreadyExists".equals(k.getStatus().getReason());
    }
}
