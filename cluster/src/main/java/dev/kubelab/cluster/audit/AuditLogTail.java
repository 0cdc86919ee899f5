package dev.kubelab.cluster.audit;

import dev.kubelab.cluster.TraceSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows an audit log as {@code tail -F} does: remembers how far it has read, keeps a trailing partial line until
 * its newline arrives, and starts over at byte 0 when the file shrinks (kube-apiserver rotated it).
 */
final class AuditLogTail {
    private final AuditLogFile file;
    private final TraceClock clock;
    private long offset;
    private String partial = "";

    AuditLogTail(AuditLogFile file, TraceClock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Skips what the log already holds: a trace shows only what happens after it starts. */
    synchronized void skipToEnd() {
        AuditLogFile.Chunk c = file.readFrom(Long.MAX_VALUE);
        offset = c.size();
        partial = "";
    }

    /** The trace events of the records written since the last call. */
    synchronized List<TraceSource.Event> poll() {
        AuditLogFile.Chunk c = file.readFrom(offset);
        if (c.size() < offset) { // rotated: the old file was renamed away, this one starts fresh
            offset = 0;
            partial = "";
            c = file.readFrom(0);
        }
        offset = Math.max(offset, c.size());
        String text = partial + c.text();
        int end = text.lastIndexOf('\n');
        partial = end < 0 ? text : text.substring(end + 1);
        List<TraceSource.Event> out = new ArrayList<>();
        if (end < 0) return out;
        for (String line : text.substring(0, end).split("\n")) {
            AuditEventJson.parse(line, clock).ifPresent(out::add);
        }
        return out;
    }
}
