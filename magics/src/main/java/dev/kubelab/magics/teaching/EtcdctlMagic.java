package dev.kubelab.magics.teaching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.ArgTokenizer;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import dev.kubelab.kernel.magic.MagicUsageException;
import dev.kubelab.kernel.magic.RawArguments;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %etcdctl ARGS}: the real etcdctl (API v3) against this cluster's etcd, with its endpoints and certificates
 * filled in by the provider. Values of {@code get} that are JSON (the embedded API server stores JSON; a real one
 * stores protobuf) are pretty-printed. Relative snapshot paths are resolved against the notebook's directory.
 */
@Command(name = "etcdctl", description = "Run the real etcdctl against this cluster's etcd (endpoints and certificates filled in).",
        footer = {"", "Examples: %%etcdctl get /registry/pods/default/web", "          %%etcdctl get /registry --prefix --keys-only",
                "          %%etcdctl snapshot save backup.db", "          %%etcdctl snapshot status backup.db -w table",
                "Full restore procedure: %%etcd restore backup.db"})
public final class EtcdctlMagic implements Magic, RawArguments, MagicCompleter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Object run(MagicContext context) {
        List<String> args;
        try {
            args = new ArrayList<>(ArgTokenizer.split(context.argLine()));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException("%etcdctl: " + e.getMessage());
        }
        if (args.isEmpty()) {
            throw new MagicUsageException(context.text("%etcdctl: etcdctl 인자를 주세요 (예: %etcdctl get /registry --prefix --keys-only)",
                    "%etcdctl: give etcdctl arguments, e.g. %etcdctl get /registry --prefix --keys-only"));
        }
        Cluster cluster = ClusterSession.require(context);
        EtcdAccess etcd = ClusterSession.call(cluster::etcd);
        if (etcd.local() && args.size() >= 3 && args.get(0).equals("snapshot")) {
            args.set(2, Path.of(args.get(2)).toAbsolutePath().toString());
        }
        ExecResult r = ClusterSession.call(() -> etcd.etcdctl(args));
        if (!r.stderr().isEmpty()) {
            context.err().print(r.stderr());
            context.err().flush();
        }
        if (!r.ok()) throw new MagicException(context.text("etcdctl 종료 코드 ", "etcdctl exited with code ") + r.exitCode());
        boolean get = args.get(0).equals("get") && !args.contains("--keys-only") && !args.contains("-w") && !args.contains("--write-out")
                && args.stream().noneMatch(a -> a.startsWith("--write-out=") || a.startsWith("-w="));
        if (get) return prettyGet(r.stdout());
        context.out().print(r.stdout());
        context.out().flush();
        return null;
    }

    /** etcdctl get prints key, value, key, value… one per line; JSON values are indented. */
    static MimeBundle prettyGet(String out) {
        String[] lines = out.split("\n");
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div>");
        for (int i = 0; i < lines.length; i++) {
            String key = lines[i];
            if (key.isEmpty()) continue;
            String value = i + 1 < lines.length ? lines[++i] : "";
            String pretty = value;
            boolean json = false;
            try {
                JsonNode n = JSON.readTree(value);
                if (n != null && n.isContainerNode()) {
                    pretty = JSON.writeValueAsString(n);
                    json = true;
                }
            } catch (Exception notJson) {
                // protobuf or plain text: shown as it is
            }
            text.append(key).append('\n').append(pretty).append('\n');
            html.append("<div style=\"font-family:monospace;font-weight:bold\">").append(Html.escape(key)).append("</div>")
                    .append(json ? Highlighter.html(pretty, "json") : "<pre>" + Html.escape(pretty) + "</pre>");
        }
        if (text.length() == 0) return MimeBundle.text("");
        return MimeBundle.html(html.append("</div>").toString(), text.toString().stripTrailing());
    }

    @Override
    public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
        if (previousArgs.isEmpty()) return List.of("get", "put", "del", "watch", "snapshot", "member", "endpoint", "version", "compaction", "defrag", "alarm");
        if (previousArgs.get(0).equals("snapshot") && previousArgs.size() == 1) return List.of("save", "status", "restore");
        if (previousArgs.get(0).equals("member") && previousArgs.size() == 1) return List.of("list");
        if (previousArgs.get(0).equals("endpoint") && previousArgs.size() == 1) return List.of("health", "status");
        if (previousArgs.get(0).equals("get") && prefix.startsWith("/")) {
            return List.of("/registry/", "/registry/pods/", "/registry/deployments/", "/registry/namespaces/", "/registry/minions/",
                    "/registry/services/", "/registry/events/", "/registry/leases/");
        }
        return List.of("--prefix", "--keys-only", "-w");
    }
}
