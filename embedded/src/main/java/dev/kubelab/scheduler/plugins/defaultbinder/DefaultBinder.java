package dev.kubelab.scheduler.plugins.defaultbinder;

import dev.kubelab.scheduler.framework.BindPlugin;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Binds through the API: POST pods/{name}/binding with target {kind: Node, name: nodeName}. */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final Handle handle;

    public DefaultBinder(Handle handle) {
        this.handle = handle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Status> bind(CycleState state, Pod pod, String nodeName) {
        return handle.client().bind(pod, nodeName).handle((ok, err) -> {
            if (err == null) {
                return Status.success();
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            return Status.error(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        });
    }
}
