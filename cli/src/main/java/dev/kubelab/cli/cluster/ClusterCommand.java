package dev.kubelab.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `kubelab cluster …`: run a cluster headless in the background. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a cluster headless: up | status | down.",
        subcommands = {Up.class, Status.class, Down.class, Serve.class})
public final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
