package dev.tenantguard.agent.config;

/**
 * {@code onError} and its per-family overrides, as written ({@code null}: not set). A family's
 * choice is its own key, else {@code onError}, else by the family's mode: fail closed in
 * {@code enforce}, open in {@code report}.
 *
 * @param all   {@code onError}
 * @param files {@code files.onError}
 * @param jdbc  {@code jdbc.onError}
 * @param http  {@code http.onError}
 */
public record OnErrorPolicy(OnError all, OnError files, OnError jdbc, OnError http) {
    /** Nothing set: every family by its mode. */
    public static final OnErrorPolicy DEFAULTS = new OnErrorPolicy(null, null, null, null);

    /** Whether an internal error in {@code family} (running in {@code familyMode}) refuses the call. */
    public boolean failsClosed(String family, Mode familyMode) {
        OnError own = switch (family) {
            case "files" -> files;
            case "jdbc" -> jdbc;
            case "http" -> http;
            default -> null;
        };
        OnError chosen = own != null ? own : all;
        return chosen != null ? chosen == OnError.FAILCLOSED : familyMode == Mode.ENFORCE;
    }
}
