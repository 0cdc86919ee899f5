package dev.kubelab.cli.cluster;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubelab cluster stop|start|restart COMPONENT [--node NAME]}: a failure drill on the background cluster. */
abstract class ComponentAction implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COMPONENT",
            description = "etcd, kube-apiserver, kube-scheduler, kube-controller-manager, kubelet or kube-proxy")
    String component;
    @Option(names = "--node", description = "the node, for kubelet and kube-proxy (e.g. kubelab-worker)") String node;
    @Option(names = "--name", defaultValue = "kubelab", description = "cluster name (default: ${DEFAULT-VALUE})") String name;

    abstract String action();

    @Override
    public Integer call() throws Exception {
        Optional<ClusterState> st = ClusterState.read(name);
        if (st.isEmpty() || !st.get().alive()) {
            System.err.println("kubelab: cluster '" + name + "' is not running: start it with ./kubelab cluster up");
            return 3;
        }
        ControlClient control = new ControlClient(st.get());
        if (!control.available()) {
            System.err.println("kubelab: cluster '" + name + "' was started with --api-only and has no component control");
            return 2;
        }
        HttpResponse<String> r = control.act(action(), component, node);
        if (r.statusCode() == 200) {
            System.out.print(r.body());
            return 0;
        }
        System.err.print("kubelab: " + r.body());
        return 2;
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a component of the running cluster (failure drill).")
    static final class Stop extends ComponentAction {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a stopped component again.")
    static final class Start extends ComponentAction {
        @Override
        String action() {
            return "start";
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop and start a component.")
    static final class Restart extends ComponentAction {
        @Override
        String action() {
            return "restart";
        }
    }
}
