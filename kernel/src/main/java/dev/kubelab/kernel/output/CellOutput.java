package dev.kubelab.kernel.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * System.out and System.err of user code, streamed to the front end while a cell runs: bytes are collected and sent
 * every {@link #FLUSH_MILLIS} ms (and at the end of the cell), so a print, sleep, print shows up in two steps and a
 * tight print loop becomes a few large messages instead of millions of small ones. Each cell may print at most
 * {@code limitBytes}; the rest is dropped with a visible note, so a runaway print cannot flood the browser.
 */
public final class CellOutput implements AutoCloseable {

    /** Sends one chunk of a stream ({@code stdout} or {@code stderr}) to the front end. */
    @FunctionalInterface
    public interface Publisher {
        void stream(String name, String text);
    }

    static final long FLUSH_MILLIS = 50;
    private static final int CHUNK = 64 * 1024;

    private final long limitBytes;
    private final StreamBuffer out = new StreamBuffer("stdout");
    private final StreamBuffer err = new StreamBuffer("stderr");
    private final PrintStream outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, false, StandardCharsets.UTF_8);
    private final ScheduledExecutorService flusher;
    private final Object budgetLock = new Object();
    private volatile Publisher publisher;
    private long used;
    private long dropped;
    private boolean truncationAnnounced;

    public CellOutput(long limitBytes) {
        this.limitBytes = limitBytes;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubelab-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    public PrintStream stdout() {
        return outStream;
    }

    public PrintStream stderr() {
        return errStream;
    }

    /** Starts a cell: output from now on goes to {@code cellPublisher} and the budget starts afresh. */
    public void begin(Publisher cellPublisher) {
        flush();
        synchronized (budgetLock) {
            used = 0;
            dropped = 0;
            truncationAnnounced = false;
        }
        publisher = cellPublisher;
    }

    /** Ends a cell: sends what is pending and, if output was dropped, how much. */
    public void end() {
        flush();
        long lost;
        synchronized (budgetLock) {
            lost = dropped;
        }
        if (lost > 0) {
            send("stderr", "\n[kubelab] output truncated: " + lost + " more bytes were discarded (limit "
                    + limitBytes / 1024 + " KiB per cell)\n");
        }
    }

    /** Sends everything buffered so far (also called before display data, to keep the order of outputs). */
    public void flush() {
        outStream.flush();
        errStream.flush();
        out.drain();
        err.drain();
    }

    private void send(String name, String text) {
        Publisher p = publisher;
        if (p != null && !text.isEmpty()) {
            try {
                p.stream(name, text);
            } catch (RuntimeException ignored) {
                // the front end went away; output is lost, the kernel keeps going
            }
        }
    }

    /** How many of {@code len} bytes may still be printed in this cell; counts the rest as dropped. */
    private int admit(int len) {
        synchronized (budgetLock) {
            long allowed = Math.max(0, Math.min(len, limitBytes - used));
            used += allowed;
            dropped += len - allowed;
            boolean announce = allowed < len && !truncationAnnounced;
            if (announce) {
                truncationAnnounced = true;
            }
            return (int) allowed | (announce ? Integer.MIN_VALUE : 0);
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }

    private final class StreamBuffer extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        StreamBuffer(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int verdict = admit(len);
            boolean announce = verdict < 0;
            int allowed = verdict & Integer.MAX_VALUE;
            boolean full;
            synchronized (this) {
                pending.write(b, off, allowed);
                full = pending.size() >= CHUNK;
            }
            if (announce) {
                drain();
                send("stderr", "\n[kubelab] output truncated: this cell printed more than " + limitBytes / 1024
                        + " KiB; the rest is discarded\n");
            } else if (full) {
                drain();
            }
        }

        /** Sends complete UTF-8 characters; a multi-byte character split across writes waits for its tail. */
        void drain() {
            String text;
            synchronized (this) {
                byte[] bytes = pending.toByteArray();
                int complete = completeUtf8Prefix(bytes);
                if (complete == 0) {
                    return;
                }
                text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
                pending.reset();
                pending.write(bytes, complete, bytes.length - complete);
            }
            send(name, text);
        }
    }

    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
