package dev.kubelab.scheduler.framework;

import java.util.List;

/**
 * The outcome of one plugin call, as kube-scheduler's {@code framework.Status}: a code, the reasons
 * shown to users (they end up in FailedScheduling events) and the plugin that produced it.
 */
public final class Status {

    private static final Status SUCCESS = new Status(Code.Success, List.of(), null);

    private final Code code;
    private final List<String> reasons;
    private final String plugin;

    private Status(Code code, List<String> reasons, String plugin) {
        this.code = code;
        this.reasons = List.copyOf(reasons);
        this.plugin = plugin;
    }

    public static Status success() {
        return SUCCESS;
    }

    public static Status of(Code code, String... reasons) {
        return new Status(code, List.of(reasons), null);
    }

    public static Status of(Code code, List<String> reasons) {
        return new Status(code, reasons, null);
    }

    public static Status skip() {
        return new Status(Code.Skip, List.of(), null);
    }

    public static Status error(String message) {
        return new Status(Code.Error, List.of(message), null);
    }

    /** This status, marked as produced by {@code pluginName} (the framework does this, as {@code WithPlugin}). */
    public Status withPlugin(String pluginName) {
        return new Status(code, reasons, pluginName);
    }

    public Code code() { return code; }
    public List<String> reasons() { return reasons; }
    public String plugin() { return plugin; }

    public boolean isSuccess() { return code == Code.Success; }
    public boolean isSkip() { return code == Code.Skip; }

    /** Unschedulable or UnschedulableAndUnresolvable: the pod was rejected, not an error. */
    public boolean isRejected() {
        return code == Code.Unschedulable || code == Code.UnschedulableAndUnresolvable;
    }

    /** The reasons joined as kube-scheduler's {@code Status.Message()} joins them. */
    public String message() {
        return String.join(", ", reasons);
    }

    @Override
    public String toString() {
        return code + (plugin == null ? "" : "[" + plugin + "]") + (reasons.isEmpty() ? "" : ": " + message());
    }
}
