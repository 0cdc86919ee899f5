package dev.kubelab.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The providers a learner can ask for; {@link #AUTO} picks the most real one available. */
public enum ProviderName {
    AUTO, KIND, BINARIES, EMBEDDED;

    /** Environment variable that sets the provider used when none is given (e.g. Binder's start script). */
    public static final String DEFAULT_PROVIDER_ENV = "KUBELAB_DEFAULT_PROVIDER";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a provider name; unknown names fail with one line listing the valid ones. */
    public static ProviderName parse(String s) {
        if (s != null) {
            for (ProviderName p : values()) {
                if (p.id().equalsIgnoreCase(s.trim())) return p;
            }
        }
        throw new ClusterException("unknown provider \"" + s + "\": valid providers are " + valid());
    }

    public static String valid() {
        return Arrays.stream(values()).map(ProviderName::id).collect(Collectors.joining(", "));
    }

    /** The provider set by {@value #DEFAULT_PROVIDER_ENV}, else AUTO. */
    public static ProviderName fromEnvironment() {
        String v = System.getenv(DEFAULT_PROVIDER_ENV);
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    @Override
    public String toString() {
        return id();
    }
}
