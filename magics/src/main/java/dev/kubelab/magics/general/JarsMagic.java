package dev.kubelab.magics.general;

import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %jars PATH|GLOB…}: adds jar files (or class directories) to the classpath of user code. */
@Command(name = "jars", description = "Add jar files or class directories (paths or globs like lib/*.jar) to the classpath.")
public final class JarsMagic implements Magic {

    @Parameters(arity = "1..*", paramLabel = "PATH|GLOB", description = "Jar files, directories or globs (relative to the notebook's directory).")
    List<String> patterns = new ArrayList<>();

    @Override
    public Object run(MagicContext context) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matches = glob(pattern);
            List<Path> usable = new ArrayList<>();
            for (Path p : matches) {
                if (Files.isDirectory(p) || p.toString().endsWith(".jar")) {
                    usable.add(p.toAbsolutePath());
                }
            }
            if (usable.isEmpty()) {
                throw new MagicException("no jar or directory matches '" + pattern + "' (working directory: "
                        + Path.of("").toAbsolutePath() + ")");
            }
            found.addAll(usable);
        }
        context.addToClasspath(found);
        return context.text("클래스패스에 추가: ", "Added to the classpath: ")
                + found.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** A plain path, or a glob (*, **, ?, [..], {..}) matched with the JDK's PathMatcher below its fixed prefix. */
    static List<Path> glob(String pattern) throws IOException {
        Path whole = Path.of(pattern);
        if (!pattern.matches(".*[*?\\[{].*")) {
            return Files.exists(whole) ? List.of(whole) : List.of();
        }
        Path base = whole.isAbsolute() ? whole.getRoot() : Path.of("");
        int fixed = 0;
        for (Path part : whole) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            base = base.resolve(part);
            fixed++;
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : whole.getNameCount() - fixed;
        Path absoluteBase = base.toAbsolutePath();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absoluteBase.resolve(whole.subpath(fixed, whole.getNameCount())));
        try (Stream<Path> walk = Files.walk(absoluteBase, depth)) {
            return walk.filter(matcher::matches).sorted().collect(Collectors.toList());
        }
    }
}
