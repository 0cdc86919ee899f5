package dev.kubelab.kernel.display;

/**
 * A progress bar rendered as HTML (with a text fallback) and updated in place through one display_id.
 * Updates are throttled to ~10 per second so a tight loop does not flood the front end.
 */
public final class Progress implements AutoCloseable, AlreadyDisplayed {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final DisplayHandle handle;
    private long done;
    private String note = "";
    private long lastUpdate;

    Progress(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        this.handle = Display.show(bundle());
        this.lastUpdate = System.nanoTime();
    }

    public DisplayHandle handle() {
        return handle;
    }

    public synchronized Progress step() {
        return set(done + 1);
    }

    public synchronized Progress set(long value) {
        done = Math.max(0, Math.min(total, value));
        long now = System.nanoTime();
        if (done == total || now - lastUpdate >= MIN_INTERVAL_NANOS) {
            lastUpdate = now;
            handle.update(bundle());
        }
        return this;
    }

    /** A short status line shown next to the bar (e.g. the current step's name). */
    public synchronized Progress note(String text) {
        note = text == null ? "" : text;
        handle.update(bundle());
        return this;
    }

    /** Marks the bar complete. */
    @Override
    public synchronized void close() {
        done = total;
        handle.update(bundle());
    }

    private MimeBundle bundle() {
        int pct = (int) (100 * done / total);
        int filled = pct / 5;
        String text = String.format("%s [%s%s] %d%% %s", label, "#".repeat(filled), ".".repeat(20 - filled), pct, note).strip();
        String html = "<div style=\"font-family:sans-serif\">" + escape(label)
                + " <progress value=\"" + done + "\" max=\"" + total + "\" style=\"width:16em\"></progress> "
                + pct + "% <span style=\"color:#666\">" + escape(note) + "</span></div>";
        return MimeBundle.html(html, text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return bundle().plainText();
    }
}
