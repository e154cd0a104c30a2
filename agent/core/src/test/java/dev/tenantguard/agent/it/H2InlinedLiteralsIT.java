package dev.tenantguard.agent.it;

/** Inlined literals on H2, in memory. */
class H2InlinedLiteralsIT extends InlinedLiteralsContract {
    @Override
    String url() {
        return "jdbc:h2:mem:literals;DB_CLOSE_DELAY=-1";
    }
}
