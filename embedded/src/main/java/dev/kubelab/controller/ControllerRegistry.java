package dev.kubelab.controller;

import dev.kubelab.controller.deployment.DeploymentController;
import dev.kubelab.controller.framework.Controller;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.replicaset.ReplicaSetController;
import java.lang.reflect.Constructor;

/** The controllers this kube-controller-manager knows, under their {@code --controllers} names. */
final class ControllerRegistry {
    private ControllerRegistry() {
    }

    static void registerBuiltins(KubeControllerManager kcm) {
        // Same names and order as kube-controller-manager's --controllers list.
        kcm.register("cronjob", dev.kubelab.controller.cronjob.CronJobController::new);
        kcm.register("daemonset", dev.kubelab.controller.daemonset.DaemonSetsController::new);
        kcm.register("deployment", DeploymentController::new);
        kcm.register("disruption", dev.kubelab.controller.disruption.DisruptionController::new);
        kcm.register("endpoint", dev.kubelab.controller.endpoint.EndpointsController::new);
        kcm.register("endpointslice", dev.kubelab.controller.endpointslice.EndpointSliceController::new);
        kcm.register("garbagecollector", dev.kubelab.controller.garbagecollector.GarbageCollector::new);
        kcm.register("job", dev.kubelab.controller.job.JobController::new);
        kcm.register("namespace", dev.kubelab.controller.namespace.NamespaceController::new);
        kcm.register("replicaset", ReplicaSetController::new);
        kcm.register("serviceaccount", dev.kubelab.controller.serviceaccount.ServiceAccountsController::new);
        kcm.register("statefulset", dev.kubelab.controller.statefulset.StatefulSetController::new);
        kcm.register("ttl-after-finished", dev.kubelab.controller.ttlafterfinished.TtlAfterFinishedController::new);
        registerIfPresent(kcm, "nodelifecycle", "dev.kubelab.controller.nodelifecycle.NodeLifecycleController");
    }

    /**
     * Controllers built on other branches (node lifecycle) plug in by class name when present, through a
     * public constructor taking a {@link ControllerContext}; absent, they are simply not offered.
     */
    private static void registerIfPresent(KubeControllerManager kcm, String name, String className) {
        try {
            Class<?> type = Class.forName(className);
            Constructor<?> ctor = type.getConstructor(ControllerContext.class);
            kcm.register(name, ctx -> {
                try {
                    return (Controller) ctor.newInstance(ctx);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create controller " + name, e);
                }
            });
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // not built into this tree
        }
    }
}
