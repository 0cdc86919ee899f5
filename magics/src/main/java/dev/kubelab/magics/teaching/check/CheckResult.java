package dev.kubelab.magics.teaching.check;

import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.display.Renderable;
import dev.kubelab.magics.teaching.Html;

import java.util.List;

/** The verdict of one exercise: ✓ or ✗ per expectation, with the hint and what was found for each ✗. */
public final class CheckResult {
    /** One expectation's outcome: passed, and if not, what was actually found. */
    public record Outcome(Expectation expectation, boolean passed, String found) {
    }

    private final Exercise exercise;
    private final List<Outcome> outcomes;

    CheckResult(Exercise exercise, List<Outcome> outcomes) {
        this.exercise = exercise;
        this.outcomes = List.copyOf(outcomes);
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public boolean passed() {
        return outcomes.stream().allMatch(Outcome::passed);
    }

    /** The verdict in the notebook's language. */
    public Renderable in(String lang) {
        return () -> render(lang);
    }

    MimeBundle render(String lang) {
        boolean ko = "ko".equals(lang);
        StringBuilder t = new StringBuilder(exercise.title(lang)).append('\n');
        StringBuilder h = new StringBuilder("<div style=\"font-family:sans-serif\"><b>").append(Html.escape(exercise.title(lang))).append("</b><ul style=\"list-style:none;padding-left:0.5em\">");
        for (Outcome o : outcomes) {
            String mark = o.passed() ? "✓" : "✗";
            String desc = o.expectation().description(lang);
            t.append(mark).append(' ').append(desc);
            h.append("<li><span style=\"color:").append(o.passed() ? "#2b8a3e" : "#c92a2a").append(";font-weight:bold\">").append(mark)
                    .append("</span> ").append(Html.escape(desc));
            if (!o.passed()) {
                String found = (ko ? "현재: " : "found: ") + o.found();
                t.append("\n    ").append(found);
                h.append("<div style=\"color:#666;margin-left:1.4em\">").append(Html.escape(found)).append("</div>");
                String hint = o.expectation().hint(lang);
                if (!hint.isEmpty()) {
                    t.append("\n    ").append(ko ? "힌트: " : "hint: ").append(hint);
                    h.append("<div style=\"color:#8a6d00;margin-left:1.4em\">").append(ko ? "힌트: " : "hint: ").append(Html.escape(hint)).append("</div>");
                }
            }
            t.append('\n');
            h.append("</li>");
        }
        long ok = outcomes.stream().filter(Outcome::passed).count();
        String summary = passed() ? (ko ? "모두 통과했습니다!" : "All checks passed!")
                : (ko ? ok + "/" + outcomes.size() + " 통과" : ok + "/" + outcomes.size() + " passed");
        t.append(summary);
        h.append("</ul><b>").append(Html.escape(summary)).append("</b></div>");
        return MimeBundle.html(h.toString(), t.toString());
    }
}
