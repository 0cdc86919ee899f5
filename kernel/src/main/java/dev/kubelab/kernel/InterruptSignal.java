package dev.kubelab.kernel;

import org.slf4j.LoggerFactory;

/**
 * SIGINT interrupts the running cell instead of ending the JVM (its default). The kernelspec uses
 * {@code interrupt_mode: message} (the portable way, over the control channel), but a terminal Ctrl-C or a front end
 * that signals the process must not kill the kernel and the session with it.
 */
final class InterruptSignal {
    private InterruptSignal() {
    }

    static void install(Runnable onInterrupt) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> onInterrupt.run());
        } catch (Throwable e) {
            LoggerFactory.getLogger(InterruptSignal.class).debug("SIGINT handler not installed: {}", e.toString());
        }
    }
}
