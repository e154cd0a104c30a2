package dev.tenantguard.agent.it;

import dev.tenantguard.agent.fuzz.ScopedStatements;

/** The differential run of generated statements on H2 (in memory). */
class H2DifferentialIT extends DifferentialRunContract {
    @Override
    String url() {
        return "jdbc:h2:file:" + root.resolve("differential").toAbsolutePath();
    }

    @Override
    ScopedStatements.Dialect dialect() {
        return ScopedStatements.Dialect.H2;
    }
}
