package dev.tenantguard.agent.config;

/**
 * What a call gets when the agent's own check of it fails ({@code onError}, {@code files.onError} …):
 * the call could not be verified.
 */
public enum OnError {
    /** Refuse the call, as a violation of kind {@code INTERNAL_ERROR}: the default in {@code enforce}. */
    FAILCLOSED,
    /** Let the call run, recorded as {@code INTERNAL_ERROR}: the default in {@code report}. */
    FAILOPEN
}
