package dev.tenantguard.agent.it;

/** Views under {@code tables: auto} on H2 (in memory; H2 has no materialized views and writes through no view). */
class H2ViewsIT extends ViewsContract {
    @Override
    String url() {
        return "jdbc:h2:mem:views;DB_CLOSE_DELAY=-1";
    }

    @Override
    boolean updatableViews() {
        return false;
    }
}
