package dev.kubelab.cli;

import dev.kubelab.kernel.KernelMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kubelab kernel CONNECTION_FILE}: what the kernelspec's argv runs. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Run the Jupyter kernel on a connection file (Jupyter starts this; see 'kernelspec install').")
public final class KernelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONNECTION_FILE", description = "Jupyter connection file (JSON with ports and key).")
    Path connectionFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(connectionFile)) {
            System.err.println("kubelab kernel: cannot read connection file " + connectionFile);
            return 2;
        }
        try {
            return KernelMain.run(connectionFile);
        } catch (Exception e) {
            // a malformed connection file, a port in use…: one line for Jupyter's log, not a stack trace
            System.err.println("kubelab kernel: cannot start on " + connectionFile + ": " + e);
            return 1;
        }
    }
}
