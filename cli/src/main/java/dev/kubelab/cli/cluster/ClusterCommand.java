package dev.kubelab.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `kubelab cluster …`: run a cluster headless in the background. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a cluster headless: up | status | down | stop|start|restart COMPONENT.",
        subcommands = {Up.class, Status.class, Down.class, ComponentAction.Stop.class, ComponentAction.Start.class,
                ComponentAction.Restart.class, Serve.class})
public final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
