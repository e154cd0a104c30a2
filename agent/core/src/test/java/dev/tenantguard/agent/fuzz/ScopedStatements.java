package dev.tenantguard.agent.fuzz;

import static dev.tenantguard.agent.fuzz.SeededCases.oneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates statements on two tenant tables whose scoping is known by construction. A predicate is
 * scoped when it restricts the tenant column of the table it filters: an atom {@code tenant_id = <value>}
 * in any bind or quoting style is; other atoms ({@code id = ?}, {@code status IN (…)}, {@code NOT id > 3},
 * an atom on another alias) are not; {@code a AND b} is scoped when either is, {@code a OR b} when both
 * are. A sub-query on the second table, a joined second table and a CTE must be scoped on their own.
 *
 * <p>Each statement carries its binds in order ({@link #TENANT} for the active tenant) and whether it
 * is <em>wide</em>: its predicate keeps every row of another tenant (built only from {@code 1 = 1},
 * {@code tenant_id IS NOT NULL} and {@code tenant_id <> <the active tenant>}), so that running it
 * reaches another tenant's rows whatever the data. Spellings are those of one dialect, or of all
 * ({@link Dialect#ANY}) for the analyzer alone.
 */
public final class ScopedStatements {
    /** The bind that stands for the active tenant. */
    public static final String TENANT = "{tenant}";

    public enum Dialect { ANY, H2, POSTGRES, MARIADB }

    /** A generated statement: its SQL, its binds in order, and what is known of its scoping. */
    public record Generated(String sql, List<String> binds, boolean scoped, boolean wide, String shape) {
        @Override
        public String toString() {
            return (scoped ? "scoped" : "unscoped") + (wide ? " wide" : "") + " " + shape + ": " + sql + " " + binds;
        }
    }

    /** A predicate or atom; {@code {a}} stands for the alias prefix of the table it filters. */
    private record Fragment(String sql, List<String> binds, boolean scoped, boolean wide) {
        Fragment on(String prefix) {
            return new Fragment(sql.replace("{a}", prefix), binds, scoped, wide);
        }
    }

    private final Dialect dialect;
    private final String orders;
    private final String invoices;
    private final String literalTenant;

    /**
     * @param orders        the first tenant table (columns id, tenant_id, status)
     * @param invoices      the second tenant table (columns id, order_id, tenant_id, status)
     * @param literalTenant the tenant a literal tenant atom names: the active tenant
     */
    public ScopedStatements(Dialect dialect, String orders, String invoices, String literalTenant) {
        this.dialect = dialect;
        this.orders = orders;
        this.invoices = invoices;
        this.literalTenant = literalTenant;
    }

    public Generated next(Random random) {
        boolean aliased = dialect == Dialect.ANY ? random.nextBoolean() : true;
        String alias = aliased ? "o" : null;
        String prefix = aliased ? "o." : "";
        Fragment where = predicate(random, 3).on(prefix);
        Fragment sub = random.nextDouble() < 0.4 ? subquery(random) : null;
        Fragment full = sub == null ? where
                : new Fragment("(" + where.sql() + ") AND " + prefix + "id IN (" + sub.sql() + ")", concat(where.binds(),
                        sub.binds()), where.scoped() && sub.scoped(), false);
        String table = tableSpelling(random, orders);
        String from = table + (alias == null ? "" : " " + alias);
        String shape = oneOf(random, "SELECT", "SELECT", "UPDATE", "DELETE", "JOIN", "CTE", "INSERT SELECT");
        if (!aliased && (shape.equals("JOIN") || shape.equals("CTE") || shape.equals("INSERT SELECT"))) {
            shape = "SELECT";
        }
        return switch (shape) {
            case "SELECT" -> new Generated("SELECT " + prefix + "tenant_id FROM " + from + " WHERE " + full.sql(), full.binds(),
                    full.scoped(), full.wide(), shape);
            case "UPDATE" -> new Generated("UPDATE " + from + " SET status = 'changed' WHERE " + full.sql(), full.binds(),
                    full.scoped(), full.wide(), shape);
            // MariaDB names an aliased table of a DELETE in its multi-table form only
            case "DELETE" -> new Generated((dialect == Dialect.MARIADB && aliased ? "DELETE o FROM " : "DELETE FROM ") + from
                    + " WHERE " + full.sql(), full.binds(), full.scoped(), full.wide(), shape);
            case "JOIN" -> join(random, from, full);
            case "CTE" -> new Generated("WITH w AS (SELECT o.id, o.tenant_id FROM " + from + " WHERE " + full.sql()
                    + ") SELECT w.tenant_id FROM w", full.binds(), full.scoped(), full.wide(), shape);
            default -> new Generated("INSERT INTO " + orders + " (id, tenant_id, status) SELECT o.id + 1000, ?, 'copy' FROM "
                    + from + " WHERE " + full.sql(), concat(List.of(TENANT), full.binds()), full.scoped(), full.wide(), shape);
        };
    }

    /**
     * A UNION of reads of both tables, or an upsert of the first, spelled for the analyzer alone (not run on a
     * database: each dialect's upsert is not the others'). Known by construction:
     * <ul>
     * <li>{@code A UNION [ALL] B}, also as a derived table: scoped when both branches are;</li>
     * <li>PostgreSQL {@code INSERT … ON CONFLICT}: the inserted row carries the tenant (a bind or the literal);
     *     {@code DO NOTHING} is scoped; {@code DO UPDATE} is scoped when the conflict target holds the tenant
     *     column or its {@code WHERE} is a scoped predicate on the existing row (not on {@code EXCLUDED}, the inserted one);</li>
     * <li>MySQL/MariaDB {@code INSERT … ON DUPLICATE KEY UPDATE}: scoped when every assignment leaves the
     *     existing row as it is ({@code status = status}) or is guarded by its tenant
     *     ({@code status = IF(tenant_id = ?, VALUES(status), status)}); a plain assignment, or one guarded by the
     *     inserted row's tenant ({@code VALUES(tenant_id)}), changes whichever tenant's row conflicts.</li>
     * </ul>
     */
    public Generated nextUnionOrUpsert(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> union(random);
            case 1 -> onConflict(random);
            default -> onDuplicateKey(random);
        };
    }

    private Generated union(Random random) {
        Fragment a = predicate(random, 2).on("o.");
        Fragment b = predicate(random, 2).on("i.");
        String how = oneOf(random, " UNION ", " UNION ALL ");
        String both = "SELECT o.tenant_id FROM " + tableSpelling(random, orders) + " o WHERE " + a.sql() + how
                + "SELECT i.tenant_id FROM " + tableSpelling(random, invoices) + " i WHERE " + b.sql();
        String sql = random.nextBoolean() ? both : "SELECT u.tenant_id FROM (" + both + ") u";
        return new Generated(sql, concat(a.binds(), b.binds()), a.scoped() && b.scoped(), false, "UNION");
    }

    private Generated onConflict(Random random) {
        Fragment tenant = insertedTenant(random);
        String insert = "INSERT INTO " + tableSpelling(random, orders) + " (id, tenant_id, status) VALUES (?, " + tenant.sql()
                + ", 'new') ON CONFLICT ";
        List<String> binds = concat(List.of(Integer.toString(1 + random.nextInt(9))), tenant.binds());
        int pick = random.nextInt(4);
        if (pick == 0) {
            return new Generated(insert + oneOf(random, "DO NOTHING", "(id) DO NOTHING"), binds, true, false, "ON CONFLICT");
        }
        boolean targetHoldsTenant = random.nextBoolean();
        String target = targetHoldsTenant ? oneOf(random, "(id, tenant_id)", "(tenant_id, id)") : "(id)";
        String update = "DO UPDATE SET status = EXCLUDED.status";
        if (pick == 1) {
            return new Generated(insert + target + " " + update, binds, targetHoldsTenant, false, "ON CONFLICT");
        }
        // the inserted row's tenant (EXCLUDED) says nothing of the existing row's: a trap that reads as scoped
        Fragment where = random.nextInt(4) == 0 ? new Fragment("EXCLUDED.tenant_id = ?", List.of(TENANT), false, false)
                : predicate(random, 1).on(orders + ".");
        return new Generated(insert + target + " " + update + " WHERE " + where.sql(), concat(binds, where.binds()),
                targetHoldsTenant || where.scoped(), false, "ON CONFLICT");
    }

    private Generated onDuplicateKey(Random random) {
        Fragment tenant = insertedTenant(random);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(tableSpelling(random, orders))
                .append(" (id, tenant_id, status) VALUES (?, ").append(tenant.sql()).append(", 'new') ON DUPLICATE KEY UPDATE ");
        List<String> binds = concat(List.of(Integer.toString(1 + random.nextInt(9))), tenant.binds());
        boolean scoped = true;
        int assignments = 1 + random.nextInt(2);
        for (int i = 0; i < assignments; i++) {
            String column = i == 0 ? "status" : "id";
            sql.append(i == 0 ? "" : ", ");
            switch (random.nextInt(6)) {
                case 0 -> sql.append(column).append(" = ").append(column);
                case 1 -> {
                    sql.append(column).append(" = IF(tenant_id = ?, VALUES(").append(column).append("), ").append(column).append(")");
                    binds = concat(binds, List.of(TENANT));
                }
                case 2 -> sql.append(column).append(" = IF(tenant_id = '").append(literalTenant).append("', VALUES(")
                        .append(column).append("), ").append(column).append(")");
                case 3 -> {
                    sql.append(column).append(" = VALUES(").append(column).append(")");
                    scoped = false;
                }
                case 4 -> { // guarded by the inserted row's tenant, not the existing row's: a trap
                    sql.append(column).append(" = IF(VALUES(tenant_id) = ?, VALUES(").append(column).append("), ")
                            .append(column).append(")");
                    binds = concat(binds, List.of(TENANT));
                    scoped = false;
                }
                default -> {
                    sql.append(column).append(i == 0 ? " = 'changed'" : " = id + 0");
                    scoped = false;
                }
            }
        }
        return new Generated(sql.toString(), binds, scoped, false, "ON DUPLICATE KEY");
    }

    /** The tenant column's value of an inserted row: the active tenant, bound or as a literal. */
    private Fragment insertedTenant(Random random) {
        return random.nextBoolean() ? new Fragment("?", List.of(TENANT), true, false)
                : new Fragment("'" + literalTenant + "'", List.of(), true, false);
    }

    /**
     * The second table joined on the order: scoped when its tenant column is tied to the first's
     * ({@code i.tenant_id = o.tenant_id}) or it is restricted on its own in the ON; the rows read are
     * both tables' tenant columns.
     */
    private Generated join(Random random, String from, Fragment where) {
        int tie = random.nextInt(3);
        Fragment on = switch (tie) {
            case 0 -> new Fragment("i.order_id = o.id AND i.tenant_id = o.tenant_id", List.of(), true, false);
            case 1 -> {
                Fragment own = predicate(random, 1).on("i.");
                yield new Fragment("i.order_id = o.id AND " + own.sql(), own.binds(), own.scoped(), false);
            }
            default -> new Fragment("i.order_id = o.id", List.of(), false, false);
        };
        String sql = "SELECT o.tenant_id, i.tenant_id FROM " + from + " JOIN " + tableSpelling(random, invoices)
                + " i ON " + on.sql() + " WHERE " + where.sql();
        // the ON's binds come first: they precede the WHERE in the text
        return new Generated(sql, concat(on.binds(), where.binds()), on.scoped() && where.scoped(), false, "JOIN");
    }

    /** A sub-query on the second table, scoped or not. */
    private Fragment subquery(Random random) {
        Fragment p = predicate(random, 2).on("i.");
        return new Fragment("SELECT i.order_id FROM " + tableSpelling(random, invoices) + " i WHERE " + p.sql(), p.binds(),
                p.scoped(), false);
    }

    private Fragment predicate(Random random, int depth) {
        int pick = random.nextInt(depth == 0 ? 3 : 8);
        if (pick < 3) {
            return atom(random);
        }
        Fragment a = predicate(random, depth - 1);
        Fragment b = predicate(random, depth - 1);
        if (pick < 6) {
            return new Fragment(a.sql() + " AND " + b.sql(), concat(a.binds(), b.binds()), a.scoped() || b.scoped(),
                    a.wide() && b.wide());
        }
        return new Fragment("(" + a.sql() + " OR " + b.sql() + ")", concat(a.binds(), b.binds()), a.scoped() && b.scoped(),
                a.wide() || b.wide());
    }

    /** Two in five atoms restrict the tenant column. */
    private Fragment atom(Random random) {
        if (random.nextInt(5) < 2) {
            String column = columnSpelling(random);
            return switch (random.nextInt(7)) {
                case 0 -> new Fragment("{a}" + column + " = '" + literalTenant + "'", List.of(), true, false);
                case 1 -> new Fragment("{a}" + column + " = CAST(? AS VARCHAR(64))", List.of(TENANT), true, false);
                case 2 -> new Fragment("? = {a}" + column, List.of(TENANT), true, false);
                case 3 -> new Fragment("{a}" + column + " IN (?)", List.of(TENANT), true, false);
                case 4 -> new Fragment("({a}" + column + " = ?)", List.of(TENANT), true, false);
                case 5 -> dialect == Dialect.ANY || dialect == Dialect.POSTGRES
                        ? new Fragment("{a}" + column + " = ?::text", List.of(TENANT), true, false)
                        : new Fragment("{a}" + column + " = ?", List.of(TENANT), true, false);
                default -> new Fragment("{a}" + column + " = ?", List.of(TENANT), true, false);
            };
        }
        return switch (random.nextInt(9)) {
            case 0 -> new Fragment("{a}id = ?", List.of(Integer.toString(1 + random.nextInt(9))), false, false);
            case 1 -> new Fragment("{a}status IN ('a', 'b')", List.of(), false, false);
            case 2 -> new Fragment("{a}id > 3", List.of(), false, false);
            case 3 -> new Fragment("NOT {a}id = 3", List.of(), false, false);
            case 4 -> new Fragment("{a}status = 'tenant_id = ''" + literalTenant + "'''", List.of(), false, false);
            case 5 -> new Fragment("{a}status LIKE ?", List.of("%"), false, false);
            case 6 -> new Fragment("{a}tenant_id IS NOT NULL", List.of(), false, true);
            case 7 -> new Fragment("{a}tenant_id <> ?", List.of(TENANT), false, true);
            default -> new Fragment("1 = 1", List.of(), false, true);
        };
    }

    private String tableSpelling(Random random, String table) {
        return switch (dialect) {
            case ANY -> oneOf(random, table, table.toUpperCase(), "\"" + table + "\"", "public." + table, "`" + table + "`");
            case H2 -> oneOf(random, table, table.toUpperCase(), "\"" + table.toUpperCase() + "\"", "PUBLIC." + table);
            case POSTGRES -> oneOf(random, table, table.toUpperCase(), "\"" + table + "\"", "public." + table);
            case MARIADB -> oneOf(random, table, "`" + table + "`", "test." + table);
        };
    }

    private String columnSpelling(Random random) {
        return switch (dialect) {
            case ANY -> oneOf(random, "tenant_id", "TENANT_ID", "\"tenant_id\"", "`tenant_id`");
            case H2 -> oneOf(random, "tenant_id", "TENANT_ID", "\"TENANT_ID\"");
            case POSTGRES -> oneOf(random, "tenant_id", "TENANT_ID", "\"tenant_id\"");
            case MARIADB -> oneOf(random, "tenant_id", "TENANT_ID", "`tenant_id`");
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
