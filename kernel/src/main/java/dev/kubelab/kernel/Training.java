package dev.kubelab.kernel;

import dev.kubelab.kernel.eval.JavaEvaluator;

/**
 * The workload recorded into the class-data-sharing archive at kernelspec install: what a kernel start and its
 * first cells load (JShell, javac, the display API, the magics registry).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        KernelMain.discoverMagics(org.slf4j.LoggerFactory.getLogger(Training.class));
        try (JavaEvaluator java = new JavaEvaluator(KubelabKernel.STARTUP)) {
            java.warmUp();
            java.eval("var xs = List.of(1, 2, 3); xs.stream().mapToInt(i -> i).sum()", 1, 0);
            java.complete("xs.str", 6);
        }
    }
}
