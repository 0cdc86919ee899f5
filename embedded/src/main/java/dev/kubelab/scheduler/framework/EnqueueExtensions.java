package dev.kubelab.scheduler.framework;

import java.util.List;

/**
 * The cluster events that may make a pod this plugin rejected schedulable again
 * ({@code EnqueueExtensions.EventsToRegister}); the queue moves such pods out of unschedulablePods
 * only on these events.
 */
public interface EnqueueExtensions {
    List<ClusterEvent> eventsToRegister();
}
