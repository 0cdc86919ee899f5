package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.ArgTokenizer;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import dev.kubelab.kernel.magic.MagicUsageException;
import dev.kubelab.kernel.magic.RawArguments;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %kubectl ARGS} / {@code %%kubectl} (one kubectl command per line): the real kubectl against this cluster.
 * Output and errors are kubectl's own, verbatim; {@code -o yaml|json} output is also shown syntax-highlighted.
 */
@Command(name = "kubectl", description = "Run the real kubectl against this cluster (%%%%kubectl: one command per line).",
        footer = {"", "Examples: %%kubectl get nodes", "          %%kubectl get pod web -o yaml",
                "          %%%%kubectl  (then: get pods -A / describe node kubelab-worker)",
                "kubectl's own help: %%kubectl help"})
public final class KubectlMagic implements Magic, RawArguments, MagicCompleter {

    @Override
    public Kind kind() {
        return Kind.BOTH;
    }

    @Override
    public Object run(MagicContext context) {
        Cluster cluster = ClusterSession.require(context);
        List<String> commands = new ArrayList<>();
        if (context.body().isPresent()) {
            for (String line : context.body().get().split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                if (l.startsWith("kubectl ")) l = l.substring(8);
                commands.add(l);
            }
            if (!context.argLine().isBlank()) commands.add(0, context.argLine().strip());
        } else {
            commands.add(context.argLine().strip());
        }
        if (commands.isEmpty() || commands.stream().allMatch(String::isEmpty)) {
            throw new MagicUsageException(context.text("%kubectl: kubectl 인자를 주세요 (예: %kubectl get nodes)",
                    "%kubectl: give kubectl arguments, e.g. %kubectl get nodes"));
        }
        MimeBundle last = null;
        for (String command : commands) {
            List<String> args;
            try {
                args = ArgTokenizer.split(command);
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException("%kubectl: " + e.getMessage());
            }
            Kubectl.Result r = Kubectl.run(context, cluster, args, null);
            if (commands.size() > 1) context.out().println("$ kubectl " + command);
            String format = outputFormat(args);
            if (r.exitCode() == 0 && (format.equals("yaml") || format.equals("json")) && commands.size() == 1) {
                last = MimeBundle.html(Highlighter.html(r.stdout(), format), r.stdout().stripTrailing());
            } else {
                context.out().print(r.stdout());
                context.out().flush();
            }
            if (!r.stderr().isEmpty()) {
                context.err().print(r.stderr());
                context.err().flush();
            }
            if (r.exitCode() != 0) {
                throw new MagicException(context.text("kubectl 종료 코드 ", "kubectl exited with code ") + r.exitCode());
            }
        }
        return last;
    }

    static String outputFormat(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.size()) return args.get(i + 1);
            if (a.startsWith("-o=")) return a.substring(3);
            if (a.startsWith("--output=")) return a.substring(9);
            if (a.startsWith("-o") && a.length() > 2) return a.substring(2);
        }
        return "";
    }

    private static final List<String> VERBS = List.of("annotate", "api-resources", "api-versions", "apply", "auth", "cluster-info",
            "cordon", "create", "delete", "describe", "drain", "edit", "events", "exec", "explain", "expose", "get", "label", "logs",
            "patch", "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait");
    private static final List<String> RESOURCES = List.of("pods", "nodes", "deployments", "replicasets", "services", "endpoints",
            "endpointslices", "namespaces", "events", "configmaps", "secrets", "serviceaccounts", "jobs", "cronjobs", "daemonsets",
            "statefulsets", "leases", "roles", "rolebindings", "clusterroles", "clusterrolebindings");

    /** kubectl verbs first, then resource types (the common ones; kubectl itself knows all). */
    @Override
    public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
        if (previousArgs.isEmpty()) return VERBS;
        if (previousArgs.size() == 1) return RESOURCES;
        return List.of();
    }
}
