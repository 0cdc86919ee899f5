package dev.kubelab.pki;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * kube-apiserver's TLS flags as Vert.x options: --tls-cert-file/--tls-private-key-file (the apiserver serving
 * certificate) and --client-ca-file (the cluster CA). Client certificates are requested, not required, so that
 * bearer tokens and anonymous requests still reach authentication, as with kube-apiserver.
 */
public final class VertxTls {

    private VertxTls() {}

    public static HttpServerOptions apiserverOptions(Pki pki) {
        return configure(new HttpServerOptions(), pki);
    }

    public static HttpServerOptions configure(HttpServerOptions options, Pki pki) {
        Pki.PemPair serving = pki.apiserverServing();
        return options.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(serving.certPem()))
                        .setKeyValue(Buffer.buffer(serving.keyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())))
                .setClientAuth(ClientAuth.REQUEST)
                // BoringSSL (netty-tcnative) where it has a build for the platform: the JDK's TLS was a quarter of
                // the CPU of a 1,000-pod rollout under the C1-only JIT kubelab's JVMs run with
                .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
    }
}
