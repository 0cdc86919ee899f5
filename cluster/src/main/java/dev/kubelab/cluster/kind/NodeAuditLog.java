package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.audit.AuditLogFile;

/**
 * kube-apiserver's audit log inside the kind node (a hostPath the static pod writes to), read with one
 * {@code docker exec} per poll: the file's size, then the bytes from the offset up to that size.
 */
final class NodeAuditLog implements AuditLogFile {
    private final NodeShell node;
    private final String path;

    NodeAuditLog(NodeShell node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The shell script: prints the size on the first line, then exactly the bytes [offset, size). A missing file is empty. */
    static String script(String path, long offset) {
        offset = Math.min(offset, Long.MAX_VALUE - 1); // tail's +N is offset + 1
        return "f='" + path + "'; s=$(stat -c %s \"$f\" 2>/dev/null || echo 0); echo \"$s\"; "
                + "if [ \"$s\" -gt " + offset + " ]; then tail -c +" + (offset + 1) + " \"$f\" | head -c $((s - " + offset + ")); fi";
    }

    @Override
    public Chunk readFrom(long offset) {
        ExecResult r = node.sh(script(path, offset));
        return chunk(r.stdoutOrThrow("reading the audit log " + path));
    }

    /** The script's output: the size line, then the bytes. */
    static Chunk chunk(String out) {
        int nl = out.indexOf('\n');
        long size = Long.parseLong((nl < 0 ? out : out.substring(0, nl)).strip());
        return new Chunk(size, nl < 0 ? "" : out.substring(nl + 1));
    }

    @Override
    public String describe() {
        return path + " in node " + node.containerName();
    }
}
