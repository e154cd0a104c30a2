package dev.tenantguard.agent.control;

/**
 * The mode of one family whose mode can be switched at run time, registered as
 * {@code dev.tenantguard:type=Family,name=<family>}: the gauge a metrics scraper reads.
 */
public interface FamilyModeMXBean {
    /** {@code report}, {@code enforce} or {@code not guarded}. */
    String getMode();

    /** The mode as a number: 0 not guarded, 1 report, 2 enforce. */
    int getLevel();
}
