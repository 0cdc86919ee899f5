package dev.kubelab.kernel;

import dev.kubelab.kernel.channels.KernelConnection;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicRegistry;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Starts the kernel on a Jupyter connection file and serves until shutdown_request (or the parent process dies). */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** Serves the connection described by {@code connectionFile}; returns the exit code. */
    public static int run(Path connectionFile) throws Exception {
        // Kernel logs go to the process's real stderr (Jupyter's log), never into a cell: slf4j-simple must capture
        // System.err before the kernel redirects it to the front end.
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Logger log = LoggerFactory.getLogger(KernelMain.class);

        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        KubelabKernel kernel = new KubelabKernel(discoverMagics(log));
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.onStartup();
        InterruptSignal.install(kernel::interrupt);
        exitWithParent();
        connection.awaitClose();
        connection.release(1000);
        return 0;
    }

    /** Every magic on the classpath; one that cannot be loaded is logged and skipped, the others still work. */
    static MagicRegistry discoverMagics(Logger log) {
        MagicRegistry registry = new MagicRegistry();
        for (ServiceLoader.Provider<Magic> p : (Iterable<ServiceLoader.Provider<Magic>>)
                ServiceLoader.load(Magic.class, KernelMain.class.getClassLoader()).stream()::iterator) {
            try {
                registry.register(p.type());
            } catch (Throwable e) {
                log.warn("magic {} not loaded: {}", p.type().getName(), e.toString());
            }
        }
        return registry;
    }

    /** No orphans: when the process that started us (Jupyter, a test driver) goes away, so do we. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    }
}
