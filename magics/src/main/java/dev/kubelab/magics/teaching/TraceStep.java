package dev.kubelab.magics.teaching;

/**
 * One arrow of a %%trace sequence diagram and one row of its table.
 *
 * @param millis  time since the traced cell started
 * @param from    lane the arrow starts in
 * @param to      lane it ends in
 * @param kind    request, storage or watch
 * @param label   what happened ({@code create pods default/web}, {@code PUT /registry/pods/default/web rev 812})
 * @param who     the user/agent behind a request (the table's WHO column)
 */
public record TraceStep(double millis, String from, String to, Kind kind, String label, String who) {
    public enum Kind { REQUEST, STORAGE, WATCH }
}
