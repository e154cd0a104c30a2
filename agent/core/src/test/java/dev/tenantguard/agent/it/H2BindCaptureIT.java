package dev.tenantguard.agent.it;

/** Bind capture on H2, in memory. */
class H2BindCaptureIT extends BindCaptureContract {
    @Override
    String url() {
        return "jdbc:h2:mem:binds;DB_CLOSE_DELAY=-1";
    }
}
