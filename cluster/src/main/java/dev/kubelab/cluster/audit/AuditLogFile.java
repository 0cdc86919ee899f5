package dev.kubelab.cluster.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a kube-apiserver writes its audit log: a local file (binaries provider) or a file inside a kind node. Read
 * as a growing file from an offset, so a trace reads only what was written since it started.
 */
public interface AuditLogFile {
    /**
     * What the file holds from byte {@code offset} up to {@code size} (the file's size when read: exactly those bytes).
     * A size below {@code offset} means the log was rotated ({@code --audit-log-maxsize}): read again from 0.
     */
    record Chunk(long size, String text) {
    }

    Chunk readFrom(long offset);

    /** Where the log is, for the trace's "source" line ({@code /var/log/kubernetes/audit/audit.log in node X}). */
    String describe();

    /** A log file on this machine. A missing file reads as empty (kube-apiserver creates it with its first record). */
    static AuditLogFile local(Path path) {
        return new AuditLogFile() {
            @Override
            public Chunk readFrom(long offset) {
                try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
                    long size = f.length();
                    if (size <= offset) return new Chunk(size, "");
                    byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size - offset)];
                    f.seek(offset);
                    f.readFully(bytes);
                    return new Chunk(size, new String(bytes, StandardCharsets.UTF_8));
                } catch (java.io.FileNotFoundException | NoSuchFileException e) {
                    return new Chunk(0, "");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the audit log " + path, e);
                }
            }

            @Override
            public String describe() {
                return path.toString();
            }

            @Override
            public String toString() {
                return describe() + (Files.exists(path) ? "" : " (not yet written)");
            }
        };
    }
}
