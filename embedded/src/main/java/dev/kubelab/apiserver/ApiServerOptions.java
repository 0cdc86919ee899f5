package dev.kubelab.apiserver;

import dev.kubelab.apiserver.authentication.Authenticator;
import dev.kubelab.apiserver.endpoints.PodLogSource;
import dev.kubelab.pki.Pki;
import java.time.Duration;

/**
 * How to run the API server. With a {@link Pki} it serves HTTPS as kubeadm's kube-apiserver does
 * (serving certificate from the cluster CA, client certificates requested, authentication chain
 * x509 → service-account tokens → anonymous, Node+RBAC authorization). Without one it serves plain
 * HTTP on 127.0.0.1 where every request is system:admin in system:masters, as kube-apiserver's old
 * insecure port was — only on explicit request ({@link #withPlainHttp()}).
 *
 * @param port             0 = a free port
 * @param gitVersion       what /version reports, e.g. v1.31.4
 * @param maxBodyBytes     larger request bodies get 413 (kube-apiserver: 3 MiB)
 * @param etcdTimeout      the longest an etcd call may take before the request fails with 503
 * @param authenticator    identifies requesters (null: the standard chain over the PKI, or the plain-HTTP admin)
 * @param pki              the cluster PKI serving TLS (null: plain HTTP, or EmbeddedControlPlane creates one)
 * @param podLogs          where pods/log reads from
 * @param plainHttp        serve plain HTTP without authentication (tests, debugging)
 * @param defaultNotReadyTolerationSeconds    kube-apiserver's --default-not-ready-toleration-seconds (300):
 *                         what DefaultTolerationSeconds admission gives pods; shorter for failure drills
 * @param defaultUnreachableTolerationSeconds kube-apiserver's --default-unreachable-toleration-seconds (300)
 */
public record ApiServerOptions(String host, int port, String gitVersion, long maxBodyBytes, Duration etcdTimeout,
                               Authenticator authenticator, Pki pki, PodLogSource podLogs, boolean plainHttp,
                               long defaultNotReadyTolerationSeconds, long defaultUnreachableTolerationSeconds) {

    public static final String DEFAULT_VERSION = "v1.31.4";

    /** HTTPS with a PKI (EmbeddedControlPlane creates it in the cluster directory). */
    public static ApiServerOptions defaults() {
        return new ApiServerOptions("127.0.0.1", 0, DEFAULT_VERSION, 3L * 1024 * 1024, Duration.ofSeconds(5), null, null,
                PodLogSource.NONE, false, 300, 300);
    }

    public ApiServerOptions withPort(int p) {
        return new ApiServerOptions(host, p, gitVersion, maxBodyBytes, etcdTimeout, authenticator, pki, podLogs, plainHttp, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public ApiServerOptions withVersion(String v) {
        return new ApiServerOptions(host, port, v, maxBodyBytes, etcdTimeout, authenticator, pki, podLogs, plainHttp, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public ApiServerOptions withEtcdTimeout(Duration d) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, d, authenticator, pki, podLogs, plainHttp, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public ApiServerOptions withPodLogs(PodLogSource logs) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, authenticator, pki, logs, plainHttp, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public ApiServerOptions withPki(Pki p) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, authenticator, p, podLogs, false, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public ApiServerOptions withAuthenticator(Authenticator a) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, a, pki, podLogs, plainHttp, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    /** Plain HTTP, every request system:admin (system:masters): an explicit opt-out of TLS. */
    public ApiServerOptions withPlainHttp() {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, authenticator, null, podLogs, true, defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    /** kube-apiserver's --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds. */
    public ApiServerOptions withDefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
        return new ApiServerOptions(host, port, gitVersion, maxBodyBytes, etcdTimeout, authenticator, pki, podLogs, plainHttp,
                notReadySeconds, unreachableSeconds);
    }

    public boolean secure() {
        return pki != null && !plainHttp;
    }
}
