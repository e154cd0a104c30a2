package dev.tenantguard.internal;

/**
 * What {@link FileHooks} calls into: the agent's file checker, installed once at start. Implemented in
 * the agent (system class loader); declared here so that advice inlined into JDK classes can
 * reach it through the bootstrap loader.
 */
public interface FileGuard {

    /**
     * Whether a call on a file path must be checked: false only for a path that cannot reach a
     * file under a rule. Called on every guarded file call but those that put an entry in place
     * by name (rename, copy, move, link), before any thread-local read: must not allocate for
     * paths outside all rules, nor do I/O.
     */
    boolean coversFile(String path);

    /**
     * A rename, copy, move or link has run (returned or thrown): the entry it put in place may
     * change where other paths lead.
     */
    void entryReplaced();

    /** Whether metadata reads ({@code files.metadata}) are checked at all; called before any thread-local read. */
    boolean guardsMetadata();

    /**
     * Checks a file operation that {@link #coversFile} accepted. Throws
     * {@code TenantBoundaryViolation} to block it; returns to let it run.
     */
    void checkFile(String path, int op, ThreadState state);

    /**
     * Checks {@code createSymbolicLink}: the link's location and where its target leads (a
     * relative target already resolved against the link's folder). Throws
     * {@code TenantBoundaryViolation} to block it.
     */
    void checkLink(String link, String target, ThreadState state);
}
