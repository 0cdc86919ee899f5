package dev.kubelab.cluster;

/**
 * Whether a provider can run on this machine, why, and how to enable it if not.
 *
 * @param available   true if {@code create(...).up(...)} can be expected to work
 * @param reason      why (e.g. "a Docker engine answered at unix:///var/run/docker.sock",
 *                    "no Docker engine answered at unix:///var/run/docker.sock")
 * @param howToEnable what would make it available ("install/start Docker"); empty text when available
 */
public record Availability(boolean available, Text reason, Text howToEnable) {
    public static Availability yes(Text reason) {
        return new Availability(true, reason, Text.plain(""));
    }

    public static Availability no(Text reason, Text howToEnable) {
        return new Availability(false, reason, howToEnable);
    }

    /** The one line a request for this unavailable provider fails with: what is missing and how to get it. */
    public ClusterException asError(ProviderName provider) {
        return new ClusterException("--provider " + provider.id() + ": " + reason.en() + " — " + howToEnable.en());
    }
}
