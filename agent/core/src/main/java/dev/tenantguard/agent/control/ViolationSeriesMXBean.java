package dev.tenantguard.agent.control;

/**
 * The violations of one kind, family and action, registered as
 * {@code dev.tenantguard:type=Violations,kind=<kind>,family=<family>,action=<action>} the first time
 * one happens: the counter a metrics scraper reads (repeats included, privileged-scope audits under
 * action {@code AUDIT}).
 */
public interface ViolationSeriesMXBean {
    String getKind();

    String getFamily();

    String getAction();

    /** Events so far; only grows. */
    long getCount();
}
