package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trusted routine that declares which of its arguments names the tenant ({@code delete_order(tenant, _)}):
 * that argument is checked like a tenant column's value — a {@code ?} is a tenant parameter, a literal a
 * literal tenant — and a call whose tenant argument the agent cannot read is not verified.
 */
class TrustedRoutineArgumentsTest {
    private static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer("tenant_id", List.of("orders"), List.of(),
            null, List.of("delete_order(tenant, _)", "billing.orders_of(tenant)", "move(_, tenant, tenant)",
                    "purge_sessions", "Audit.Touch(_)"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CALL delete_order(?, ?)|1",
            "call DELETE_ORDER( ? , 7 )|1",
            "{call delete_order(?, ?)}|1",
            "{ call public.delete_order(?, ?) }|1",
            "{? = call delete_order(?, ?)}|2",
            "SELECT 1 WHERE ? = 1; CALL delete_order(?, ?)|2",
            "SELECT * FROM billing.orders_of(?)|1",
            "SELECT * FROM billing.orders_of(?) o WHERE o.id = ?|1",
            "SELECT o.id FROM products p JOIN LATERAL billing.orders_of(?) o ON o.product = p.id|1",
            "SELECT billing.orders_of(?)|1",
            "SELECT count(*) FROM products WHERE id IN (SELECT billing.orders_of(?))|1",
    })
    void aQuestionMarkGivenAsTheTenantArgumentIsATenantParameter(String sql, int index) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.problems().isEmpty(), sql + ": " + analysis);
        assertEquals(1, analysis.tenantParameters().size(), sql + ": " + analysis);
        assertEquals(index, analysis.tenantParameters().get(0).index(), sql + ": " + analysis);
        assertTrue(analysis.tenantParameters().get(0).clause().startsWith("argument 1 of "), analysis.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CALL delete_order('globex', 3)|globex",
            "{call delete_order('globex', ?)}|globex",
            "CALL delete_order(2, 3)|2",
            "SELECT * FROM billing.orders_of('globex')|globex",
            "SELECT * FROM billing.orders_of(2)|2",
            "SELECT billing.orders_of('globex')|globex",
    })
    void aLiteralGivenAsTheTenantArgumentIsALiteralTenant(String sql, String tenant) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.problems().isEmpty(), sql + ": " + analysis);
        assertEquals(1, analysis.literalTenants().size(), sql + ": " + analysis);
        assertEquals(tenant, analysis.literalTenants().get(0).tenant());
    }

    @Test
    void everyArgumentMarkedTenantIsChecked() {
        SqlAnalysis analysis = ANALYZER.analyze("CALL move(?, ?, 'globex')");
        assertTrue(analysis.problems().isEmpty(), analysis.toString());
        assertEquals(List.of(2), analysis.tenantParameters().stream().map(TenantParameter::index).toList());
        assertEquals("globex", analysis.literalTenants().get(0).tenant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CALL delete_order(?)", // a default or an overload: which argument names the tenant is not known
            "CALL delete_order(?, ?, ?)",
            "CALL delete_order",
            "EXEC delete_order 'globex', 3",
            "CALL delete_order(p_id => ?, p_tenant => ?)",
            "CALL delete_order(p_tenant := 'acme', p_id := ?)",
            "CALL delete_order(CONCAT('glo', 'bex'), ?)",
            "CALL delete_order('glo' 'bex', ?)",
            "CALL delete_order('glo\\'bex', ?)",
            "CALL delete_order((SELECT tenant_id FROM orders WHERE id = 4), ?)",
            "CALL delete_order(@t, ?)",
            "CALL delete_order(-2, ?)",
            "SELECT * FROM billing.orders_of()",
            "SELECT * FROM billing.orders_of(?, ?)",
            "SELECT * FROM billing.orders_of(lower(?))",
            "SELECT o.id FROM products p JOIN LATERAL billing.orders_of(p.tenant_id) o ON true",
            "SELECT billing.orders_of(p.tenant_id) FROM products p",
            "SELECT billing.orders_of()",
    })
    void aTenantArgumentTheAgentCannotReadIsNotVerified(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.problems().stream().anyMatch(SqlProblem::unverifiable), sql + ": " + analysis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL purge_sessions(?, 'globex')", "{call audit.touch(?)}", "CALL audit.touch('globex')"})
    void aRoutineWithoutATenantArgumentRunsWithAnyArguments(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.problems().isEmpty() && analysis.tenantParameters().isEmpty()
                && analysis.literalTenants().isEmpty(), sql + ": " + analysis);
    }

    @Test
    void theSentenceNamesTheRoutineAndItsDeclaration() {
        SqlProblem problem = ANALYZER.analyze("CALL delete_order(?)").problems().get(0);
        assertEquals("routine delete_order", problem.resource());
        assertTrue(problem.detail().contains("2 arguments by position that jdbc.trustedRoutines declares"), problem.detail());
    }
}
