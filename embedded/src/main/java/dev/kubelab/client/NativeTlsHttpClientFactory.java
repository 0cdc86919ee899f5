package dev.kubelab.client;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * fabric8's Vert.x HTTP client whose TLS runs in BoringSSL (netty-tcnative) instead of the JDK, with the same key and
 * trust managers fabric8 derives from the kubeconfig. The in-JVM components (kubelets, kube-scheduler,
 * kube-controller-manager) make thousands of small HTTPS calls and stream watches; with the kernel's C1-only JIT the
 * JDK's AES-GCM runs without its intrinsics, and TLS was a quarter of the CPU a 1,000-pod rollout took. Where
 * tcnative has no build for the platform the JDK's engine stays. A client certificate is made into key managers
 * once per identity ({@link #forConfig}).
 *
 * <p>fabric8 7.4 builds the Vert.x client options inside {@code build()} (its {@code additionalConfig} hook is never
 * called), so the builder is handed a Vert.x whose {@code createHttpClient} swaps in the native engine.
 */
public final class NativeTlsHttpClientFactory extends VertxHttpClientFactory {
    private final Vertx vertx;
    private final ClientCertificates certificates;
    /** The client certificate this view of the factory presents (see {@link #forConfig}), or null. */
    private final KeyManager[] identity;

    public NativeTlsHttpClientFactory(Vertx vertx) {
        this(vertx, new ClientCertificates(), null);
    }

    private NativeTlsHttpClientFactory(Vertx vertx, ClientCertificates certificates, KeyManager[] identity) {
        super(vertx);
        this.vertx = vertx;
        this.certificates = certificates;
        this.identity = identity;
    }

    /**
     * The factory to build {@code config}'s client with: when the config carries a client certificate, it is taken
     * out of {@code config} and presented by the returned factory from key managers made once per identity.
     */
    public NativeTlsHttpClientFactory forConfig(io.fabric8.kubernetes.client.Config config) {
        return certificates.take(config).map(km -> new NativeTlsHttpClientFactory(vertx, certificates, km)).orElse(this);
    }

    /** Whether BoringSSL loaded on this platform. */
    public static boolean available() {
        return OpenSSLEngineOptions.isAvailable();
    }

    @Override
    public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
        return new Builder(this, vertx, identity);
    }

    private static final class Builder extends VertxHttpClientBuilder<VertxHttpClientFactory> {
        private final Vertx shared;
        private final KeyManager[] identity;

        Builder(VertxHttpClientFactory factory, Vertx shared, KeyManager[] identity) {
            this(factory, shared, identity, new Builder[1]);
        }

        private Builder(VertxHttpClientFactory factory, Vertx shared, KeyManager[] identity, Builder[] self) {
            super(factory, intercepting(shared, self));
            this.shared = shared;
            this.identity = identity;
            self[0] = this;
        }

        @Override
        protected VertxHttpClientBuilder<VertxHttpClientFactory> newInstance(VertxHttpClientFactory factory) {
            return new Builder(factory, shared, identity);
        }

        /** fabric8 found no client certificate in the config when {@link #forConfig} took it: present it here. */
        @Override
        public VertxHttpClientBuilder<VertxHttpClientFactory> sslContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
            return super.sslContext(keyManagers == null ? identity : keyManagers, trustManagers);
        }

        /** The options fabric8 built, with a native engine holding this builder's key and trust managers. */
        HttpClientOptions withNativeTls(HttpClientOptions options) {
            if (!available() || !options.isSsl() || trustManagers == null) return options;
            KeyManager[] km = keyManagers;
            TrustManager[] tm = trustManagers;
            Set<String> protocols = new LinkedHashSet<>(options.getEnabledSecureTransportProtocols());
            return options.setSslEngineOptions(new NativeEngine(km, tm, protocols));
        }
    }

    /** A Vert.x that is {@code shared} in everything but {@code createHttpClient(options)}. */
    private static Vertx intercepting(Vertx shared, Builder[] builder) {
        Class<?>[] interfaces = shared.getClass().getInterfaces();
        return (Vertx) Proxy.newProxyInstance(NativeTlsHttpClientFactory.class.getClassLoader(), interfaces, (proxy, method, args) -> {
            if (method.getName().equals("createHttpClient") && args != null && args.length == 1 && args[0] instanceof HttpClientOptions o) {
                args = new Object[] {builder[0].withNativeTls(o)};
            }
            try {
                return method.invoke(shared, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** BoringSSL through netty, client side, with fabric8's key and trust managers. */
    private static final class NativeEngine extends OpenSSLEngineOptions {
        private final KeyManager[] keyManagers;
        private final TrustManager[] trustManagers;
        private final Set<String> protocols;

        NativeEngine(KeyManager[] keyManagers, TrustManager[] trustManagers, Set<String> protocols) {
            this.keyManagers = keyManagers;
            this.trustManagers = trustManagers;
            this.protocols = protocols;
        }

        @Override
        public OpenSSLEngineOptions copy() {
            return new NativeEngine(keyManagers, trustManagers, protocols);
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return () -> {
                SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trustManagers[0]);
                if (keyManagers != null && keyManagers.length > 0) b.keyManager(keyManagers[0]);
                if (!protocols.isEmpty()) b.protocols(List.copyOf(protocols));
                return b.build();
            };
        }
    }
}
