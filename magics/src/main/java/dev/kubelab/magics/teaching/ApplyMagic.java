package dev.kubelab.magics.teaching;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import dev.kubelab.kernel.magic.MagicUsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %%apply}: the cell body is YAML (several documents allowed), applied with the real {@code kubectl apply -f -},
 * so each object gets exactly kubectl's line ({@code deployment.apps/web created}). The YAML is parsed first
 * (Jackson over SnakeYAML) so a syntax error names its line and column before anything is sent.
 */
@Command(name = "apply", description = "Apply the YAML in the cell body (several documents allowed), as kubectl apply -f - does.",
        footer = {"", "Example:", "  %%%%apply -n default", "  apiVersion: v1", "  kind: Pod", "  ..."})
public final class ApplyMagic implements Magic {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace for objects that do not name one.")
    String namespace;
    @Option(names = "--server-side", description = "Server-side apply (field manager kubectl).")
    boolean serverSide;
    @Option(names = "--dry-run", description = "Send to the API server without persisting (--dry-run=server).")
    boolean dryRun;

    @Override
    public Kind kind() {
        return Kind.CELL;
    }

    @Override
    public Object run(MagicContext context) {
        String yaml = context.body().orElse("");
        int docs = validate(context, yaml);
        if (docs == 0) {
            throw new MagicUsageException(context.text("%%apply: 셀 본문에 YAML 객체가 없습니다", "%%apply: the cell body holds no YAML object"));
        }
        Cluster cluster = ClusterSession.require(context);
        List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
        if (namespace != null) args.addAll(List.of("-n", namespace));
        if (serverSide) args.add("--server-side");
        if (dryRun) args.add("--dry-run=server");
        Kubectl.Result r = Kubectl.run(context, cluster, args, yaml);
        context.out().print(r.stdout());
        context.out().flush();
        if (!r.stderr().isEmpty()) {
            context.err().print(r.stderr());
            context.err().flush();
        }
        if (r.exitCode() != 0) throw new MagicException(context.text("kubectl apply 종료 코드 ", "kubectl apply exited with code ") + r.exitCode());
        return null;
    }

    /** Parses every document; returns how many objects there are, or fails with "line L, column C: problem". */
    static int validate(MagicContext context, String yaml) {
        int count = 0;
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) continue;
                count++;
                if (!doc.isObject()) {
                    throw new MagicUsageException("%%apply: " + context.text("문서 " + count + " 은(는) 객체(매핑)가 아닙니다",
                            "document " + count + " is not an object (mapping)"));
                }
                for (String field : List.of("apiVersion", "kind")) {
                    if (!doc.hasNonNull(field)) {
                        throw new MagicUsageException("%%apply: " + context.text("문서 " + count + " 에 " + field + " 가 없습니다",
                                "document " + count + " has no " + field));
                    }
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof MagicException) throw e;
            Throwable c = e.getCause();
            if (c instanceof JsonProcessingException j) throw invalid(context, j);
            throw new MagicUsageException("%%apply: invalid YAML: " + ClusterSession.oneLine(e.getMessage()));
        } catch (JsonProcessingException e) {
            throw invalid(context, e);
        } catch (IOException e) {
            throw new MagicUsageException("%%apply: " + e.getMessage());
        }
        return count;
    }

    private static MagicUsageException invalid(MagicContext context, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String what = ClusterSession.oneLine(e.getOriginalMessage());
        String where = at == null ? "" : context.text(at.getLineNr() + "행 " + at.getColumnNr() + "열: ",
                "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ");
        return new MagicUsageException("%%apply: " + context.text("잘못된 YAML, ", "invalid YAML at ") + where + what);
    }
}
