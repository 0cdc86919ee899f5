package dev.kubelab.apiserver;

import dev.kubelab.apiserver.authentication.Authenticator;
import dev.kubelab.apiserver.endpoints.PodLogSource;
import io.vertx.core.net.JksOptions;
import java.time.Duration;

/**
 * How to run the API server. Plain HTTP on 127.0.0.1 by default (every request is then
 * system:admin in system:masters, as kube-apiserver's old insecure port was); TLS with client
 * certificates is switched on by {@link #tls} once the cluster PKI provides a key store.
 *
 * @param port             0 = a free port
 * @param gitVersion       what /version reports, e.g. v1.31.4
 * @param maxBodyBytes     larger request bodies get 413 (kube-apiserver: 3 MiB)
 * @param etcdTimeout      the longest an etcd call may take before the request fails with 503
 * @param authenticator    identifies requesters (null: plain-HTTP admin)
 * @param tls              serving key store + trusted client CA (null: plain HTTP)
 * @param podLogs          where pods/log reads from
 */
public record ApiServerOptions(String host, int port, String gitVersion, long maxBodyBytes, Duration etcdTimeout,
                               Authenticator authenticator, Tls tls, PodLogSource podLogs) {

    /** Serving certificate and the CA that signs client certificates. */
    public record Tls(JksOptions keyStore, JksOptions trustStore) {}

    public static final String DEFAULT_VERSION = "v1.31.4";

    public static ApiServerOptions defaults() {
        return new ApiServerOptions("127.0.0.1", 0, DEFAULT_VERSION, 3L * 1024 * 1024, Duration.ofSeconds(5), null, null, PodLogSource.NONE);
    }

    public ApiServerOptions withPort(int p) {
        return new ApiServerOptions(host, p, gitVersion, maxBodyBytes, etcdTimeout, authenticator, tls, podLogs);
    }

    public ApiServerOptions withVersion(String v) {
        return new ApiServerOptions(host, port, v, maxBodyBytes, etcdTimeout, authenticator, tls, podLogs);
    }

    public ApiServerOptions withEtcdTimeout(Duration d) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, d, authenticator, tls, podLogs);
    }

    public ApiServerOptions withPodLogs(PodLogSource logs) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, authenticator, tls, logs);
    }
}
