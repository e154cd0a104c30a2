package dev.tenantguard.bench;

/**
 * The arms of the suite: the same operation with no agent, with tenant-guard on its allow and on
 * its deny path, and with the peers a user would pick instead. Each fork learns its arm from
 * {@code -Dtg.bench.arm}, which also names the arm in the JMH JSON (the fork's jvmArgs), so the
 * report can be made from the JSON alone.
 */
enum BenchArm {
    NO_AGENT("no-agent", "no agent"),
    /** The product's hot path: enforce mode, every call on the tenant's own resources. */
    TG_ENFORCE("tg-enforce", "tenant-guard, enforce, allow path"),
    /**
     * The same as {@link #TG_ENFORCE} with another build of the agent ({@code --compare <jar>}, e.g. the
     * jar of an earlier commit): a change's before and after, side by side in one run. Runs wherever
     * {@code tg-enforce} runs; only with {@code --compare}.
     */
    TG_BEFORE("tg-before", "tenant-guard as built before (--compare), enforce, allow path"),
    /** Report mode, every call crossing into another tenant: recorded, deduplicated, let through. */
    TG_REPORT("tg-report", "tenant-guard, report, deny path"),
    /** The best-known Java agent, exporters {@code none}: what tracing alone costs on the same calls. */
    OTEL("otel", "OpenTelemetry Java agent, exporters none"),
    /** The JDK's own file guard: a policy granting the tenant's and the shared directories only. */
    SECURITY_MANAGER("security-manager", "SecurityManager, file policy");

    /** System property set on every fork. */
    static final String PROPERTY = "tg.bench.arm";

    final String id;
    final String title;

    BenchArm(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The arm of this fork. */
    static BenchArm current() {
        String id = System.getProperty(PROPERTY);
        if (id == null) {
            throw new IllegalStateException("-D" + PROPERTY + " is not set: run the benchmarks through "
                    + BenchmarkRunner.class.getName() + " (java -jar benchmarks.jar)");
        }
        return byId(id);
    }

    static BenchArm byId(String id) {
        for (BenchArm arm : values()) {
            if (arm.id.equals(id)) {
                return arm;
            }
        }
        throw new IllegalArgumentException("unknown arm " + id);
    }

    boolean tenantGuard() {
        return this == TG_ENFORCE || this == TG_BEFORE || this == TG_REPORT;
    }

    /** Whether the fork runs tenant-guard in {@code enforce}: another tenant's resource is refused. */
    boolean enforcing() {
        return this == TG_ENFORCE || this == TG_BEFORE;
    }

    /** The arm whose {@link InArms} entries this arm follows: {@code tg-before} runs where {@code tg-enforce} does. */
    BenchArm runsAs() {
        return this == TG_BEFORE ? TG_ENFORCE : this;
    }
}
