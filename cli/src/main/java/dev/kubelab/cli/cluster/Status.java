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
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
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
        return ready.equals("ready") ? 0 : 1;
    }
}
