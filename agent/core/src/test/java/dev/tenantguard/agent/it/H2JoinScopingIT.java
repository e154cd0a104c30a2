package dev.tenantguard.agent.it;

/** Join shapes and composite keys as row values on H2. */
class H2JoinScopingIT extends JoinScopingContract {
    @Override
    String url() {
        return "jdbc:h2:mem:joins;DB_CLOSE_DELAY=-1";
    }
}
