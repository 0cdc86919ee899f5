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
        kcm.register("deployment", DeploymentController::new);
        kcm.register("replicaset", ReplicaSetController::new);
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
