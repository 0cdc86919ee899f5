package dev.kubelab.scheduler.framework;

/** A scheduling-framework plugin: each extension point it implements is an interface below. */
public interface Plugin {
    /** The plugin name as kube-scheduler's profile spells it (e.g. "NodeResourcesFit"). */
    String name();
}
