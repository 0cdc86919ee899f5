package dev.kubelab.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code kubelab kernelspec install [--user | --sys-prefix | --prefix DIR] [--name kubelab]}. */
@Command(name = "kernelspec", mixinStandardHelpOptions = true,
        description = "Manage the Jupyter kernelspec of kubelab.",
        subcommands = KernelspecCommand.Install.class)
public final class KernelspecCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the kernelspec (display name '" + KernelSpec.DISPLAY_NAME + "') pointing at this jar.")
    static final class Install implements Callable<Integer> {

        static final class Where {
            @Option(names = "--user", description = "Into the user's Jupyter data directory (default).")
            boolean user;
            @Option(names = "--sys-prefix", description = "Into sys.prefix of $KUBELAB_PYTHON (e.g. a Binder/conda env).")
            boolean sysPrefix;
            @Option(names = "--prefix", paramLabel = "DIR", description = "Into DIR/share/jupyter/kernels.")
            Path prefix;
        }

        @ArgGroup(exclusive = true)
        Where where = new Where();

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME, description = "Kernelspec name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Create a class-data-sharing archive next to the kernelspec for a faster kernel start (default: on).")
        boolean cds;

        @Override
        public Integer call() throws Exception {
            Path kernels;
            if (where.prefix != null) {
                kernels = KernelSpec.kernelsUnderPrefix(where.prefix.toAbsolutePath());
            } else if (where.sysPrefix) {
                kernels = KernelSpec.kernelsUnderPrefix(pythonSysPrefix());
            } else {
                kernels = KernelSpec.userDataDir(System.getenv(), System.getProperty("os.name"),
                        Path.of(System.getProperty("user.home"))).resolve("kernels");
            }
            Path jar = ownJar();
            if (jar == null) {
                System.err.println("kubelab kernelspec: run this from kubelab.jar (java -jar cli/target/kubelab.jar kernelspec install)");
                return 2;
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path dir = kernels.resolve(name);
            Files.createDirectories(dir);
            Path archive = cds ? KernelSpec.createCdsArchive(java, jar, dir) : null;
            Path written = KernelSpec.write(kernels, name, KernelSpec.json(java, jar, archive));
            System.out.println("Installed kernelspec " + name + " in " + written);
            return 0;
        }

        private static Path ownJar() throws URISyntaxException {
            Path p = Path.of(KernelspecCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        }

        private static Path pythonSysPrefix() throws IOException, InterruptedException {
            String py = System.getenv().getOrDefault("KUBELAB_PYTHON", "python3");
            Process p = new ProcessBuilder(py, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("cannot ask " + py + " for sys.prefix (set KUBELAB_PYTHON): " + out);
            }
            return Path.of(out);
        }
    }
}
