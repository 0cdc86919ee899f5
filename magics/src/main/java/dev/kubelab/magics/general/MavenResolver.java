package dev.kubelab.magics.general;

import dev.kubelab.kernel.magic.MagicException;
import org.apache.ivy.Ivy;
import org.apache.ivy.core.module.descriptor.DefaultDependencyDescriptor;
import org.apache.ivy.core.module.descriptor.DefaultModuleDescriptor;
import org.apache.ivy.core.module.id.ModuleRevisionId;
import org.apache.ivy.core.report.ArtifactDownloadReport;
import org.apache.ivy.core.report.ResolveReport;
import org.apache.ivy.core.resolve.ResolveOptions;
import org.apache.ivy.core.settings.IvySettings;
import org.apache.ivy.plugins.resolver.ChainResolver;
import org.apache.ivy.plugins.resolver.IBiblioResolver;
import org.apache.ivy.util.DefaultMessageLogger;
import org.apache.ivy.util.Message;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves Maven coordinates (group:artifact:version) with their runtime dependencies using Apache Ivy: the local
 * Maven repository (~/.m2/repository) first, so whatever Maven already downloaded works offline, then Maven Central
 * unless offline.
 */
final class MavenResolver {
    static final String CENTRAL = "https://repo1.maven.org/maven2/";

    private final Path localRepository;
    private final Path cache;
    private final List<String> remotes;

    MavenResolver(Path localRepository, Path cache, List<String> remotes) {
        this.localRepository = localRepository;
        this.cache = cache;
        this.remotes = remotes;
    }

    static MavenResolver standard(boolean offline, List<String> extraRepositories) {
        Path home = Path.of(System.getProperty("user.home"));
        String kubelabHome = System.getenv("KUBELAB_HOME");
        Path cache = (kubelabHome != null ? Path.of(kubelabHome) : home.resolve(".kubelab")).resolve("ivy-cache");
        List<String> remotes = new ArrayList<>();
        if (!offline) {
            remotes.addAll(extraRepositories);
            remotes.add(CENTRAL);
        }
        return new MavenResolver(home.resolve(".m2").resolve("repository"), cache, remotes);
    }

    /** The jar files of {@code coordinates} and everything they need at run time. */
    List<Path> resolve(List<String> coordinates) {
        Message.setDefaultLogger(new DefaultMessageLogger(Message.MSG_ERR));
        IvySettings settings = new IvySettings();
        settings.setDefaultCache(cache.toFile());
        settings.setDefaultUseOrigin(true); // jars from ~/.m2 are used where they are, not copied
        ChainResolver chain = new ChainResolver();
        chain.setName("kubelab");
        chain.setReturnFirst(true);
        chain.add(m2("local-m2", localRepository.toUri().toString()));
        int i = 0;
        for (String remote : remotes) {
            chain.add(m2("remote-" + i++, remote.endsWith("/") ? remote : remote + "/"));
        }
        settings.addResolver(chain);
        settings.setDefaultResolver(chain.getName());
        Ivy ivy = Ivy.newInstance(settings);
        ivy.getLoggerEngine().setDefaultLogger(new DefaultMessageLogger(Message.MSG_ERR));

        DefaultModuleDescriptor md = DefaultModuleDescriptor.newDefaultInstance(
                ModuleRevisionId.newInstance("dev.kubelab", "notebook", "working"));
        for (String c : coordinates) {
            String[] gav = c.split(":");
            if (gav.length != 3 || gav[0].isBlank() || gav[1].isBlank() || gav[2].isBlank()) {
                throw new MagicException("'" + c + "' is not group:artifact:version (e.g. org.apache.commons:commons-text:1.12.0)");
            }
            DefaultDependencyDescriptor dd = new DefaultDependencyDescriptor(md,
                    ModuleRevisionId.newInstance(gav[0], gav[1], gav[2]), false, false, true);
            dd.addDependencyConfiguration("default", "default"); // a Maven artifact's compile + runtime scopes
            md.addDependency(dd);
        }
        ResolveOptions options = new ResolveOptions().setConfs(new String[]{"default"}).setTransitive(true)
                .setDownload(true).setOutputReport(false).setValidate(false);
        ResolveReport report;
        try {
            report = ivy.resolve(md, options);
        } catch (Exception e) {
            throw new MagicException("cannot resolve " + String.join(" ", coordinates) + ": " + e.getMessage(), e);
        }
        if (report.hasError()) {
            Set<String> problems = new LinkedHashSet<>();
            for (Object p : report.getAllProblemMessages()) {
                problems.add(String.valueOf(p).replaceAll("\\s+", " ").strip());
            }
            throw new MagicException("cannot resolve " + String.join(" ", coordinates) + ": "
                    + problems.stream().limit(3).reduce((a, b) -> a + "; " + b).orElse("unknown error")
                    + (remotes.isEmpty() ? " (offline: only ~/.m2/repository was searched)" : ""));
        }
        List<Path> jars = new ArrayList<>();
        for (ArtifactDownloadReport a : report.getAllArtifactsReports()) {
            File f = a.getLocalFile();
            if (f != null && f.getName().endsWith(".jar")) {
                jars.add(f.toPath());
            }
        }
        return jars;
    }

    private static IBiblioResolver m2(String name, String root) {
        IBiblioResolver r = new IBiblioResolver();
        r.setName(name);
        r.setM2compatible(true);
        r.setUsepoms(true);
        r.setRoot(root);
        return r;
    }
}
