package dev.kubelab.kernel.eval;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell our {@link KernelExecutionControl} and keeps a reference to it for the evaluator. */
final class KernelExecutionControlProvider implements ExecutionControlProvider {
    private volatile KernelExecutionControl control;

    @Override
    public String name() {
        return "kubelab";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new KernelExecutionControl();
        return control;
    }

    KernelExecutionControl control() {
        return control;
    }
}
