package dev.kubelab.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.Method;

/**
 * JShell's in-process execution (so user code shares the kernel's classes and objects), remembering the wrapper class
 * of the snippet that ran last: JShell only hands back a value's string, but the kernel needs the object itself to
 * render it richly, and a variable's object lives in a static field of that class.
 *
 * <p>Interrupting uses {@link LocalExecutionControl#stop()}, which works on JDK 17 (Thread.stop of the snippet thread)
 * and on newer JDKs (classes are instrumented with stop checks when loaded).
 */
final class KernelExecutionControl extends LocalExecutionControl {
    private volatile Class<?> lastInvoked;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastInvoked = doitMethod.getDeclaringClass();
        return super.invoke(doitMethod);
    }

    Class<?> lastInvoked() {
        return lastInvoked;
    }

    void clearLastInvoked() {
        lastInvoked = null;
    }
}
