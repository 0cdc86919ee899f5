package dev.kubelab.kernel;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The notebook's language, ko or en. Jupyter does not send notebook metadata to kernels, so the kernel infers it:
 * $KUBELAB_LANG (set by scripts/handouts.py from the notebook's {@code metadata.kubelab.lang}), else a {@code ko}/{@code en}
 * directory in the notebook path Jupyter Server passes as $JPY_SESSION_NAME, else the working directory (nbclient
 * and Jupyter start kernels in the notebook's directory), else en. {@code %lang} overrides it for the session.
 */
final class Language {
    private Language() {
    }

    static String detect() {
        String env = normalize(System.getenv("KUBELAB_LANG"));
        if (env != null) {
            return env;
        }
        String fromSession = fromPath(System.getenv("JPY_SESSION_NAME"));
        if (fromSession != null) {
            return fromSession;
        }
        String fromCwd = fromPath(System.getProperty("user.dir"));
        return fromCwd != null ? fromCwd : "en";
    }

    static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("ko") || v.equals("en") ? v : null;
    }

    private static String fromPath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path p = Path.of(path).toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            Path name = q.getFileName();
            String n = name == null ? null : normalize(name.toString());
            if (n != null) {
                return n;
            }
        }
        return null;
    }
}
