package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.StepEvent;
import dev.kubelab.cluster.StepState;
import dev.kubelab.kernel.display.DisplayHandle;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.MagicContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ProgressListener that shows a cluster's steps (kind-style "✓ Starting etcd (0.4s)") as one display updated in
 * place, so starting a cluster reads like kind's output instead of scrolling.
 */
final class StepsDisplay implements ProgressListener {
    private final String lang;
    private final String heading;
    private final Map<String, StepEvent> steps = new LinkedHashMap<>();
    private DisplayHandle handle;
    private final MagicContext context;

    StepsDisplay(MagicContext context, String heading) {
        this.context = context;
        this.lang = context.language();
        this.heading = heading;
    }

    @Override
    public synchronized void onStep(StepEvent e) {
        steps.put(e.step(), e);
        MimeBundle b = bundle();
        if (handle == null) handle = context.display(b);
        else handle.update(b);
    }

    synchronized String text() {
        StringBuilder t = new StringBuilder(heading).append('\n');
        for (StepEvent e : steps.values()) t.append(e.line(lang)).append('\n');
        return t.toString().stripTrailing();
    }

    private MimeBundle bundle() {
        StringBuilder h = new StringBuilder("<div style=\"font-family:monospace\"><b>").append(Html.escape(heading)).append("</b>");
        for (StepEvent e : steps.values()) {
            String color = e.state() == StepState.FAILED ? "#c00" : e.state() == StepState.SUCCEEDED ? "#080"
                    : e.state() == StepState.SKIPPED ? "#888" : "#05a";
            h.append("<div style=\"color:").append(color).append("\">").append(Html.escape(e.line(lang))).append("</div>");
        }
        return MimeBundle.html(h.append("</div>").toString(), text());
    }
}
