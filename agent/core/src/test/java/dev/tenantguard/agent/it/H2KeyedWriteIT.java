package dev.tenantguard.agent.it;

/** Writes by key on H2. */
class H2KeyedWriteIT extends KeyedWriteContract {
    @Override
    String url() {
        return "jdbc:h2:mem:keyed;DB_CLOSE_DELAY=-1";
    }
}
