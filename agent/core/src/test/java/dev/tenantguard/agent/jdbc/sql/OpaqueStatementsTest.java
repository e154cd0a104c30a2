package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL whose effect is decided by text the analyzer does not have: routines, dynamic SQL, code
 * blocks, COPY, functions in FROM, and session statements that change what row-level security or
 * the schema decide. Not verified when the policy guards SQL at all — unless a routine is trusted
 * ({@code jdbc.trustedRoutines}), a function is a built-in one, or a COPY is of a table that is no
 * tenant's.
 */
class OpaqueStatementsTest {
    private static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer("tenant_id", List.of("orders"),
            List.of("tenant_{tenant}"), "app.tenant", List.of("billing.close_month", "audited_report"));
    private static final SqlTenantAnalyzer NOTHING_GUARDED = new SqlTenantAnalyzer("tenant_id", List.of(), List.of(), null);

    @ParameterizedTest
    @ValueSource(strings = {
            // a catalogue function that runs a query given as text is no catalogue read
            "SELECT * FROM pg_catalog.query_to_xml('select * from orders', true, false, '')",
            "CALL purge_orders(?)",
            "call purge_orders()",
            "CALL public.purge_orders(?)",
            "{call purge_orders(?)}",
            "{ call purge_orders(?) }",
            "{? = call count_orders(?)}",
            "EXEC purge_orders",
            "EXECUTE IMMEDIATE 'DELETE FROM orders'",
            "EXECUTE IMMEDIATE ?",
            "PREPARE s FROM @q",
            "PREPARE s AS DELETE FROM orders",
            "EXECUTE s",
            "EXECUTE s USING @a",
            "DO $$ BEGIN EXECUTE 'DELETE FROM ' || 'ord' || 'ers'; END $$",
            "BEGIN NOT ATOMIC DELETE FROM orders; END",
            "COPY orders TO STDOUT",
            "COPY orders FROM STDIN",
            "COPY public.orders (id, tenant_id) FROM STDIN",
            "COPY (SELECT * FROM v_all_orders) TO STDOUT",
            "COPY tenant_globex.notes TO STDOUT",
            "SELECT * FROM orders_of(?)",
            "SELECT * FROM public.orders_of(?) o",
            "SELECT p.name FROM products p JOIN LATERAL orders_of(p.id) o ON true",
            "SELECT p.name FROM products p, LATERAL orders_of(p.id) o",
            "SELECT * FROM public.unnest(?)",
            "SELECT 1; CALL purge_orders()",
            "SELECT 1; /* */ {call purge_orders()}",
            "SET ROLE admin",
            "SET SESSION AUTHORIZATION admin",
            "SET LOCAL ROLE admin",
            "SET row_security = off",
            "RESET app.tenant",
            "RESET ALL",
            "DISCARD ALL",
            "SELECT 1; RESET ALL",
    })
    void isNotVerified(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertFalse(analysis.problems().isEmpty(), sql + ": " + analysis);
        assertTrue(analysis.problems().stream().allMatch(SqlProblem::unverifiable), sql + ": " + analysis);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CALL audited_report(?)",
            "CALL billing.close_month(?)",
            "{call billing.close_month(?)}",
            "{? = call audited_report(?)}",
            "CALL AUDITED_REPORT()",
            "SELECT * FROM audited_report(?)",
            "SELECT * FROM generate_series(1, 10)",
            "SELECT * FROM pg_catalog.generate_series(1, 10) g",
            // what pgjdbc asks at connect (the database's own catalogue)
            "select string_agg(word, ',') from pg_catalog.pg_get_keywords() where word <> ALL ('{a,abs}'::text[])",
            "SELECT * FROM information_schema._pg_expandarray(ARRAY[1, 2])",
            "SELECT * FROM unnest(?) AS t(id)",
            "SELECT x FROM json_each(?)",
            "SELECT upper(name) FROM products",
            "SELECT * FROM orders WHERE tenant_id = ? AND id IN (SELECT id FROM products)",
            "COPY products TO STDOUT",
            "SET app.tenant = 'acme'",
            "SET search_path TO tenant_acme",
    })
    void isNotAnUnverifiedStatement(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.problems().stream().noneMatch(SqlProblem::unverifiable), sql + ": " + analysis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL purge_orders()", "SELECT * FROM orders_of(?)", "COPY x TO STDOUT", "SET ROLE admin"})
    void aPolicyThatGuardsNoSqlHasNothingToVerify(String sql) {
        assertEquals(List.of(), NOTHING_GUARDED.analyze(sql).problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET SCHEMA_SEARCH_PATH tenant_globex",
            "SET SCHEMA_SEARCH_PATH = tenant_globex",
            "SELECT pg_catalog.set_config('search_path', 'tenant_globex', false)",
            "SELECT 1; SET search_path = public, tenant_globex",
            "SET LOCAL search_path TO tenant_globex",
    })
    void everySpellingOfASchemaSwitchIsRead(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.schemaTenants().stream().anyMatch(s -> s.schemaSwitch() && "globex".equals(s.tenant())),
                sql + ": " + analysis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL purge_orders(?)", "{call purge_orders(?)}"})
    void theSentenceNamesTheRoutineAndTheWayOut(String sql) {
        SqlProblem problem = ANALYZER.analyze(sql).problems().get(0);
        assertEquals("routine purge_orders", problem.resource());
        assertTrue(problem.detail().contains("purge_orders") && problem.detail().contains("jdbc.trustedRoutines"),
                problem.detail());
    }
}
