package dev.kubelab.kernel.display;

/** Where {@link Display} sends bundles: the running kernel installs one; without a kernel, text goes to stdout. */
public interface DisplaySink {
    /** Publishes display_data; displayId may be null for a display that is never updated. */
    void display(MimeBundle bundle, String displayId);

    /** Publishes update_display_data for an earlier display with the same id. */
    void update(MimeBundle bundle, String displayId);

    DisplaySink STDOUT = new DisplaySink() {
        @Override
        public void display(MimeBundle bundle, String displayId) {
            System.out.println(bundle.plainText());
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            System.out.println(bundle.plainText());
        }
    };
}
