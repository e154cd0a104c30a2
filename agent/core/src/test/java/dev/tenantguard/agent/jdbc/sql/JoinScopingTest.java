package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The join shapes Hibernate generates (fetch joins, collection loads, {@code @ManyToOne} loads by a
 * composite key, pagination and row-number wrappers) and composite keys compared as row values: scoped
 * exactly when the tenant columns are tied to a bound tenant, and each tuple's tenant handed to the
 * caller to compare per call.
 */
class JoinScopingTest {

    static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer(
            "tenant_id", List.of("owners", "pets", "visits"), List.of(), null);

    static Stream<String> scoped() {
        return Stream.of(
                // fetch join of a collection mapped on a composite foreign key (tenant_id, owner_id)
                "select o1_0.id,p1_0.owner_id,p1_0.id from owners o1_0 left join pets p1_0 "
                        + "on o1_0.tenant_id=p1_0.tenant_id and o1_0.id=p1_0.owner_id where o1_0.tenant_id = ? and o1_0.id=?",
                // the same ON written as a row equality
                "select o1_0.id from owners o1_0 join pets p1_0 on (p1_0.tenant_id, p1_0.owner_id) = (o1_0.tenant_id, o1_0.id) "
                        + "where o1_0.tenant_id = ?",
                // two levels of fetch joins, pagination
                "select o1_0.id from owners o1_0 join pets p1_0 on p1_0.tenant_id=o1_0.tenant_id and p1_0.owner_id=o1_0.id "
                        + "left join visits v1_0 on v1_0.tenant_id=p1_0.tenant_id and v1_0.pet_id=p1_0.id "
                        + "where o1_0.tenant_id = ? order by o1_0.name offset ? rows fetch first ? rows only",
                // @ManyToOne load through the child's composite key
                "select p1_0.id,o1_0.id from pets p1_0 join owners o1_0 on o1_0.tenant_id=p1_0.tenant_id "
                        + "and o1_0.id=p1_0.owner_id where (p1_0.tenant_id, p1_0.id) = (?, ?)",
                // the restricted side is the preserved side of a LEFT JOIN: the ON restricts what it brings in
                "select o.id, p.id from owners o left join pets p on p.tenant_id = o.tenant_id and p.owner_id = o.id "
                        + "where o.tenant_id = ?",
                // collection loads and batch loads by a composite key
                "select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) in ((?,?),(?,?))",
                "select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) in ((?,?))",
                "select p1_0.id from pets p1_0 where (p1_0.owner_id, p1_0.tenant_id) in ((?, ?), (?, 'acme'))",
                "select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) = (?, ?)",
                // row-number wrappers and Oracle's rownum
                "select * from (select row_number() over(order by o1_0.name) rn, o1_0.id c0 from owners o1_0 "
                        + "where o1_0.tenant_id = ?) r_0_ where r_0_.rn <= ? order by r_0_.rn",
                "select * from (select o1_0.id c0 from owners o1_0 where o1_0.tenant_id = ? order by o1_0.id) where rownum <= ?",
                "select * from (select row_.*, rownum rownum_ from (select o1_0.id c0 from owners o1_0 where o1_0.tenant_id = ? "
                        + "order by o1_0.id) row_ where rownum <= ?) where rownum_ > ?",
                "select o1_0.id from owners o1_0 where o1_0.tenant_id = ? order by o1_0.id offset ? rows fetch next ? rows only",
                "select top(?) o1_0.id from owners o1_0 where o1_0.tenant_id = ? order by o1_0.id",
                "select o1_0.id from owners o1_0 where o1_0.tenant_id = ? order by o1_0.id limit ? offset ?",
                "select * from (select p.*, row_number() over (partition by p.owner_id order by p.id) rn "
                        + "from owners o join pets p on p.tenant_id = o.tenant_id and p.owner_id = o.id where o.tenant_id = ?) x "
                        + "where x.rn = 1",
                // the tenant column equals a column of another table that is fixed to a bound tenant
                "select o.id from tenants t join owners o on o.tenant_id = t.id where t.id = ?",
                "select o.id, p.id from tenants t join owners o on o.tenant_id = t.id "
                        + "join pets p on p.tenant_id = o.tenant_id and p.owner_id = o.id where t.id = ? and t.active = 1",
                "select o.id from tenants t left join owners o on o.tenant_id = t.id where t.id = 'acme'",
                // writes by a composite key given as row values, tenant included
                "update pets set name = ? where (tenant_id, id) in ((?, ?), (?, ?))",
                "delete from pets where (tenant_id, id) = (?, ?)");
    }

    @ParameterizedTest
    @MethodSource("scoped")
    void scopedShapesAreAllowed(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertTrue(analysis.verified(), () -> sql + " → " + analysis);
    }

    static Stream<Arguments> unscoped() {
        return Stream.of(
                // a plain owner_id -> id key says nothing about the child row's tenant
                Arguments.of("select o1_0.id from owners o1_0 left join pets p1_0 on o1_0.id=p1_0.owner_id "
                        + "where o1_0.tenant_id = ? and o1_0.id = ?", "pets"),
                Arguments.of("select o.id from owners o join pets p on (p.owner_id, p.name) = (o.id, o.name) "
                        + "where o.tenant_id = ?", "pets"),
                // the restriction stands in the ON of the inner side of a LEFT JOIN: every row of the preserved side survives
                Arguments.of("select p.id from pets p left join owners o on o.tenant_id = p.tenant_id and o.tenant_id = ?",
                        "pets"),
                Arguments.of("select o.id from owners o left join pets p on p.tenant_id = o.tenant_id and p.tenant_id = ?",
                        "owners"),
                // OR in the ON
                Arguments.of("select p.id from owners o join pets p on p.tenant_id = o.tenant_id or p.owner_id = o.id "
                        + "where o.tenant_id = ?", "pets"),
                Arguments.of("select p.id from owners o join pets p on (p.tenant_id, p.owner_id) = (o.tenant_id, o.id) "
                        + "or p.id = ? where o.tenant_id = ?", "pets"),
                // a third table joined to the others by no tenant column
                Arguments.of("select v.id from owners o join pets p on p.tenant_id = o.tenant_id and p.owner_id = o.id "
                        + "join visits v on v.pet_id = p.id where o.tenant_id = ?", "visits"),
                // a tuple whose tenant is a column, not a bound value
                Arguments.of("select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) in ((?,?),(p1_0.tenant_id,?))",
                        "pets"),
                Arguments.of("select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) in (select tenant_id, id from owners "
                        + "where tenant_id = ?)", "pets"),
                Arguments.of("select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) not in ((?,?))", "pets"),
                Arguments.of("select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) in ((?,?)) or p1_0.id = ?",
                        "pets"),
                Arguments.of("select p1_0.id from pets p1_0 where (p1_0.tenant_id, p1_0.owner_id) <> (?, ?)", "pets"),
                // a column of another table that nothing fixes, or fixes only in an OR, or not to one value
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id", "owners"),
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id where t.id = ? or t.name = ?",
                        "owners"),
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id where t.id <> ?", "owners"),
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id or o.id = ? where t.id = ?",
                        "owners"),
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id where t.id = t.parent_id", "owners"),
                // the table fixed to the tenant is the inner side of an outer join: every owner survives it
                Arguments.of("select o.id from owners o left join tenants t on t.id = o.tenant_id and t.id = ?", "owners"),
                Arguments.of("select o.id from tenants t right join owners o on o.tenant_id = t.id and t.id = ?", "owners"),
                Arguments.of("select o.id from tenants t full join owners o on o.tenant_id = t.id where t.name = ?", "owners"),
                // an OR after a row list (a parser reads it inside the list)
                Arguments.of("select p.id from pets p where (p.tenant_id, p.owner_id) in ((?, ?), (?, ?)) or 1 = 1", "pets"),
                Arguments.of("delete from pets where (tenant_id, id) in ((?, ?)) or 1 = 1", "pets"),
                // an unqualified column may be an enclosing block's
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id where id = ?", "owners"),
                // the column is fixed in the ON of a join that brings in another table
                Arguments.of("select o.id from tenants t join owners o on o.tenant_id = t.id "
                        + "join pets p on p.owner_id = o.id and t.id = ? and p.tenant_id = ?", "owners"),
                // a row-number wrapper over an unscoped query
                Arguments.of("select * from (select row_number() over(order by o1_0.name) rn, o1_0.id c0 from owners o1_0) r_0_ "
                        + "where r_0_.rn <= ?", "owners"));
    }

    @ParameterizedTest
    @MethodSource("unscoped")
    void unscopedShapesAreReported(String sql, String table) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertFalse(analysis.verified(), () -> sql + " → " + analysis);
        assertTrue(analysis.problems().stream().anyMatch(problem -> problem.resource().equals(table)),
                () -> sql + " → " + analysis);
    }

    @Test
    void eachTuplesTenantIsComparedPerCall() {
        SqlAnalysis bound = ANALYZER.analyze("select * from pets where (tenant_id, owner_id) in ((?, ?), (?, ?), (?, ?))");
        assertEquals(List.of(1, 3, 5), bound.tenantParameters().stream().map(TenantParameter::index).toList());
        assertFalse(bound.isTenantBound(2));

        SqlAnalysis literals = ANALYZER.analyze("select * from pets where (owner_id, tenant_id) in ((1, 'acme'), (2, 'globex'))");
        assertEquals(List.of(new LiteralTenant("acme", "pets", "WHERE"), new LiteralTenant("globex", "pets", "WHERE")),
                literals.literalTenants());
    }

    @Test
    void theValueOfTheColumnTheTenantColumnEqualsIsCompared() {
        SqlAnalysis analysis = ANALYZER.analyze("select o.id from tenants t join owners o on o.tenant_id = t.id "
                + "where t.id = 'globex'");
        assertEquals(List.of(new LiteralTenant("globex", "owners", "JOIN ON")), analysis.literalTenants());
        SqlAnalysis bound = ANALYZER.analyze("select o.id from tenants t join owners o on o.tenant_id = t.id "
                + "where t.name = ? and t.id = ?");
        assertEquals(List.of(2), bound.tenantParameters().stream().map(TenantParameter::index).toList());
    }

    @Test
    void aRowEqualityRestrictsEachTenantPosition() {
        SqlAnalysis analysis = ANALYZER.analyze("select * from pets p join owners o on (o.tenant_id, o.id) = (p.tenant_id, p.owner_id) "
                + "where (p.tenant_id, p.id) = (?, ?)");
        assertTrue(analysis.verified(), analysis::toString);
        assertEquals(List.of(1), analysis.tenantParameters().stream().map(TenantParameter::index).toList());
    }
}
