package dev.kubelab.cli.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `kubelab cluster status`: is the background cluster running and ready? */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether a cluster runs and answers.")
public final class Status implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "kubelab") String name;

    @Override
    public Integer call() {
        Optional<ClusterState> st = ClusterState.read(name);
        if (st.isEmpty() || !st.get().alive()) {
            System.out.println("cluster '" + name + "' is not running");
            return 3;
        }
        String ready;
        try {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
            java.nio.file.Path kubernetesDir = ClusterState.dir(name).resolve("kubernetes");
            if (st.get().server().startsWith("https:") && java.nio.file.Files.isDirectory(kubernetesDir)) {
                // trust the cluster CA and ask as kubeadm's admin, as kubectl with admin.conf would
                dev.kubelab.pki.Pki pki = dev.kubelab.pki.Pki.ensure(kubernetesDir,
                        dev.kubelab.pki.PkiOptions.defaults(dev.kubelab.embedded.EmbeddedControlPlane.CONTROL_PLANE_NODE));
                client.sslContext(dev.kubelab.pki.JdkTls.clientContext(pki,
                        pki.clientCertificate("kubernetes-admin", java.util.List.of(dev.kubelab.pki.Pki.CLUSTER_ADMINS_GROUP))));
            }
            HttpResponse<String> r = client.build()
                    .send(HttpRequest.newBuilder(URI.create(st.get().server() + "/readyz?verbose")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            ready = r.statusCode() == 200 ? "ready" : "not ready:\n" + r.body();
        } catch (Exception e) {
            ready = "not answering (" + e.getMessage() + ")";
        }
        System.out.println("cluster '" + name + "' (embedded, " + st.get().version() + "): pid " + st.get().pid());
        System.out.println("  kube-apiserver " + st.get().server() + ": " + ready);
        System.out.println("  etcd           " + st.get().etcd());
        System.out.println("  context        " + st.get().context());
        ControlClient control = new ControlClient(st.get());
        if (control.available()) {
            try {
                HttpResponse<String> c = control.components();
                System.out.println("components:");
                c.body().lines().forEach(l -> System.out.println("  " + l));
            } catch (Exception e) {
                System.out.println("  components: control endpoint not answering (" + e.getMessage() + ")");
            }
        }
        return ready.equals("ready") ? 0 : 1;
    }
}
