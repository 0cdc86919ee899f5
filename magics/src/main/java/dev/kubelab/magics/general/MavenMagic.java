package dev.kubelab.magics.general;

import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %maven group:artifact:version…}: adds artifacts and their dependencies to the classpath of user code. */
@Command(name = "maven", description = "Add Maven artifacts (with their dependencies) to the classpath: ~/.m2 first, then Maven Central.",
        footer = {"", "Example: %%maven org.apache.commons:commons-text:1.12.0"})
public final class MavenMagic implements Magic {

    @Parameters(arity = "1..*", paramLabel = "GROUP:ARTIFACT:VERSION", description = "Maven coordinates.")
    List<String> coordinates = new ArrayList<>();

    @Option(names = "--offline", description = "Use only the local Maven repository (~/.m2/repository).")
    boolean offline;

    @Option(names = "--repository", paramLabel = "URL", description = "An extra Maven repository to search (repeatable).")
    List<String> repositories = new ArrayList<>();

    @Override
    public Object run(MagicContext context) {
        boolean off = offline || "true".equalsIgnoreCase(System.getenv("KUBELAB_OFFLINE"));
        List<Path> jars = MavenResolver.standard(off, repositories).resolve(coordinates);
        context.addToClasspath(jars);
        return context.text("클래스패스에 jar " + jars.size() + "개를 추가했습니다: ", "Added " + jars.size() + " jar(s) to the classpath: ")
                + jars.stream().map(p -> p.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
