package dev.kubelab.kernel.display;

/**
 * A display that can be replaced in place: {@link #update(Object)} sends update_display_data with the
 * same display_id, so the front end redraws the original output instead of appending a new one.
 * As a cell's trailing value a handle shows nothing (the display already happened).
 */
public final class DisplayHandle implements AlreadyDisplayed {
    private final String displayId;

    DisplayHandle(String displayId) {
        this.displayId = displayId;
    }

    public String displayId() {
        return displayId;
    }

    /** Replaces the displayed content with {@code value} rendered as by {@link Display#display(Object)}. */
    public DisplayHandle update(Object value) {
        Display.sink().update(Display.bundleOf(value), displayId);
        return this;
    }

    public DisplayHandle updateHtml(String html) {
        return update(MimeBundle.html(html, Display.stripTags(html)));
    }

    @Override
    public String toString() {
        return "display " + displayId;
    }
}
