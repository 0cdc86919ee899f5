package dev.kubelab.cluster;

import java.nio.file.Path;

/**
 * The admin kubeconfig of a running cluster, as kind writes it: a file kubectl can use with
 * {@code --kubeconfig PATH} (or {@code KUBECONFIG=PATH}) and its contents.
 *
 * @param path     the file on this machine
 * @param contents the YAML
 * @param server   the API server URL in it ({@code https://127.0.0.1:PORT})
 * @param context  the current context ({@code kind-NAME} on kind, {@code kubelab-NAME} otherwise)
 */
public record Kubeconfig(Path path, String contents, String server, String context) {
}
