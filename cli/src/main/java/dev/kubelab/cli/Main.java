package dev.kubelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of kubelab.jar. The bash launcher bootstraps prerequisites and then calls the
 * sub-commands here; each sub-command is a small class of its own.
 */
@Command(name = "kubelab", mixinStandardHelpOptions = true, version = "kubelab 0.1.0",
        description = "A Java Jupyter kernel and a live-cluster Kubernetes curriculum.",
        subcommands = {KernelCommand.class, KernelspecCommand.class, dev.kubelab.cli.cluster.ClusterCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, shared by main() and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
