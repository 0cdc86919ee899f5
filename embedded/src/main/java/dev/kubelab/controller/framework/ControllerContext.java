package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What kube-controller-manager hands each controller: its own API client (user agent
 * {@code kube-controller-manager/<version> (linux/amd64) kubernetes/<commit>/<controller>-controller}), the shared
 * informers, a clock (injectable for tests), the controller manager's flags, and event recorders.
 *
 * @param client      this controller's client; it owns nothing else and must not close it
 * @param informers   shared informers (one watch per resource type for all controllers)
 * @param clock       time source (CronJob schedules, availability, TTLs)
 * @param flags       kube-controller-manager flags without leading dashes, e.g. {@code node-monitor-grace-period -> 40s}
 * @param recorders   creates an {@link EventRecorder} for a source component on this client
 */
public record ControllerContext(KubernetesClient client, SharedInformers informers, Clock clock,
                                Map<String, String> flags, Function<String, EventRecorder> recorders) {

    public EventRecorder recorder(String component) {
        return recorders.apply(component);
    }

    public String flag(String name, String defaultValue) {
        return flags.getOrDefault(name, defaultValue);
    }

    public int intFlag(String name, int defaultValue) {
        String v = flags.get(name);
        return v == null ? defaultValue : Integer.parseInt(v);
    }

    /** Durations in Go syntax as kube-controller-manager flags take them ({@code 40s}, {@code 5m0s}, {@code 1h}, {@code 500ms}). */
    public Duration durationFlag(String name, Duration defaultValue) {
        String v = flags.get(name);
        return v == null ? defaultValue : GoDuration.parse(v);
    }
}
