package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * Finds out whether a SQL text keeps to the current tenant: every reference to a tenant table
 * (shared table with a tenant column) must be restricted to one tenant, and the tenants the text
 * names — as literals, bound parameters, schemas or the RLS setting — are collected so that the
 * caller can compare them with the current tenant. See {@link SqlAnalysis}.
 *
 * <p>Pure and thread-safe: no JDBC, no shared mutable state. Parsing runs on the calling thread
 * (JSqlParser's own helper would start an executor thread per call). Callers cache the result per
 * SQL text.
 *
 * <p>Fails closed: SQL the parser cannot read, constructs that dialects read differently, and
 * statement parts the checks do not know are reported as {@code "could not be verified: …"}
 * problems whenever they may involve a tenant table.
 */
public final class SqlTenantAnalyzer {

    private final TenantNames names;
    /** {@code jdbc.trustedRoutines}: names (name or schema.name), and their tenant arguments. */
    private final TrustedRoutines trustedRoutines;
    /** Lower-case words whose absence from a text proves it concerns no tenant (fast path). */
    private final List<String> markers;

    /**
     * @param tenantColumn   the tenant column of shared tables, e.g. {@code tenant_id}
     * @param tenantTables   the tenant tables, unqualified; matched case-insensitively, quoted or not,
     *                       with any schema qualifier
     * @param schemaPatterns schema-per-tenant patterns with one {@code {tenant}}, e.g. {@code tenant_{tenant}}
     * @param rlsSetting     the session setting used for row-level security (e.g. {@code app.tenant}),
     *                       or {@code null} when RLS values are not checked
     */
    public SqlTenantAnalyzer(String tenantColumn, Collection<String> tenantTables, List<String> schemaPatterns,
                             String rlsSetting) {
        this(tenantColumn, tenantTables, schemaPatterns, rlsSetting, List.of());
    }

    /**
     * @param trustedRoutines routines ({@code name} or {@code schema.name}, optionally with their
     *                        arguments, e.g. {@code delete_order(tenant, _)}) whose calls are allowed
     *                        without their statements being verified: {@code jdbc.trustedRoutines}
     */
    public SqlTenantAnalyzer(String tenantColumn, Collection<String> tenantTables, List<String> schemaPatterns,
                             String rlsSetting, Collection<String> trustedRoutines) {
        this(tenantColumn, tenantTables, schemaPatterns, rlsSetting, trustedRoutines, Map.of());
    }

    /**
     * @param unverifiableViews views that read a tenant table but hide its tenant column (lower-case
     *                          name to the reason, see {@link DerivedViews}): a statement that reads or
     *                          writes one is not verifiable
     */
    public SqlTenantAnalyzer(String tenantColumn, Collection<String> tenantTables, List<String> schemaPatterns,
                             String rlsSetting, Collection<String> trustedRoutines, Map<String, String> unverifiableViews) {
        this.trustedRoutines = new TrustedRoutines(trustedRoutines);
        this.names = new TenantNames(tenantColumn, tenantTables, schemaPatterns, rlsSetting, unverifiableViews);
        List<String> allNames = new ArrayList<>(tenantTables);
        allNames.addAll(unverifiableViews.keySet());
        allNames.addAll(this.trustedRoutines.takingTenant()); // their calls name a tenant, wherever they stand
        this.markers = markers(allNames, schemaPatterns, rlsSetting);
    }

    /** Analyzes a SQL text (one statement or several separated by {@code ;}). */
    public SqlAnalysis analyze(String sql) {
        if (sql == null || sql.isBlank()) {
            return SqlAnalysis.unconcerned(SqlOperation.OTHER);
        }
        if (!mayConcernTenants(sql)) {
            return SqlAnalysis.unconcerned(SqlOperation.ofKeyword(firstWord(sql)));
        }
        Findings findings = new Findings();
        SqlOperation operation = null;
        List<SqlLexer.Piece> pieces = SqlLexer.split(sql);
        for (SqlLexer.Piece piece : pieces) {
            SqlOperation pieceOperation = analyze(piece, findings);
            if (operation == null) {
                operation = pieceOperation;
            }
        }
        if (pieces.size() != 1) {
            findings.keyedWrite(null); // an earlier statement of the text may change what a lookup of the row sees
        }
        return findings.build(operation == null ? SqlOperation.OTHER : operation);
    }

    /**
     * Analyzes a statement's shape once for all texts of that shape ({@link ShapeAnalysis}): not shared
     * when a literal's value may decide more than a tenant value — a session statement, the RLS setting,
     * {@code set_config}, {@code search_path}, Unicode escapes, dynamic SQL, routines, calls of a trusted routine
     * that takes a tenant argument. (Other functions in FROM
     * are judged by their names, which the shape keeps; those not verified are not shared either.)
     */
    public ShapeAnalysis analyzeShape(SqlShape shape) {
        String text = shape.text();
        String lower = text.toLowerCase(Locale.ROOT);
        String first = firstWord(text).toLowerCase(Locale.ROOT);
        if (first.equals("set") || first.equals("use") || lower.contains("u&") || lower.contains("set_config")
                || lower.contains("search_path") || (names.rlsSetting() != null && lower.contains(names.rlsSetting()))
                || OpaqueStatement.mayHold(lower)
                || trustedRoutines.mayCallOneTakingTenant(lower)) {
            return ShapeAnalysis.notShared();
        }
        return ShapeAnalysis.of(analyze(text));
    }

    private SqlOperation analyze(SqlLexer.Piece piece, Findings findings) {
        if (piece.unicodeEscapes() && names.hasTenantTables()) {
            findings.unverifiable("(unknown)", "a Unicode escape (U&\"…\") can spell a tenant table's name");
        }
        String firstWord = piece.firstWord();
        // a schema statement on a tenant table first, a code block included: it is judged with the stack
        // (audited when a migration tool runs it); code that names no tenant table is opaque below
        SchemaChange schema = SchemaStatement.read(piece, names);
        if (schema != null) {
            findings.schemaChange(schema);
            return schema.operation();
        }
        if (names.guardsSql()) {
            SqlOperation opaque = OpaqueStatement.read(piece, names, trustedRoutines, findings);
            if (opaque != null) {
                return opaque;
            }
        }
        boolean session = "SET".equalsIgnoreCase(firstWord) || "USE".equalsIgnoreCase(firstWord);
        if (session && SessionStatement.read(piece, names, findings)) {
            return SqlOperation.SET;
        }
        Statement statement;
        try {
            statement = parse(piece.text());
        } catch (UnreadableSql e) {
            String table = names.mentionedTenantTable(piece.text());
            if (table != null) {
                findings.unverifiable(table, e.getMessage());
            } else if (session && names.rlsSetting() != null
                    && piece.text().toLowerCase(Locale.ROOT).contains(names.rlsSetting())) {
                findings.unverifiable(names.rlsSetting(), e.getMessage());
            }
            return SqlOperation.ofKeyword(firstWord);
        }
        InPrecedenceRepair.repair(statement);
        ParameterNumbering numbering = ParameterNumbering.of(piece, statement);
        findings.startStatement(numbering);
        new StatementChecker(names, findings).check(statement);
        findings.keyedWrite(KeyedWrite.of(statement, names, numbering));
        SqlOperation operation = StatementChecker.operationOf(statement);
        if (names.hasUnverifiableViews() && operation.touchesRows()) {
            for (Table table : AstWalker.collect(statement, Table.class)) {
                String why = table.getName() == null ? null : names.unverifiableView(table);
                if (why != null) {
                    findings.unverifiable(TenantNames.normalize(table.getName()), why);
                }
            }
        }
        if (names.guardsSql()) {
            TableFunctions.check(statement, trustedRoutines, findings);
        }
        String unrepaired = InPrecedenceRepair.unrepaired(statement);
        String doubt = unrepaired != null ? "the parser's reading of '" + unrepaired + "' is not reliable"
                : piece.ambiguity();
        if (doubt != null) {
            String table = names.mentionedTenantTable(piece.text());
            if (table != null) {
                findings.unverifiable(table, doubt);
            }
        }
        return operation == SqlOperation.OTHER ? SqlOperation.ofKeyword(firstWord) : operation;
    }

    /**
     * Parses one statement without JSqlParser's executor: first the fast way, then with complex
     * parsing (bounded nesting, as JSqlParser's helper does), then with {@code [quoted]} identifiers.
     */
    static Statement parse(String sql) throws UnreadableSql {
        RuntimeException first = null;
        boolean deep = CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH;
        boolean brackets = sql.indexOf('[') >= 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            if ((attempt == 1 && deep) || (attempt == 2 && !brackets)) {
                continue;
            }
            try {
                CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                        .withAllowComplexParsing(attempt > 0)
                        .withSquareBracketQuotation(attempt == 2);
                Statements statements = parser.Statements();
                if (statements.size() != 1) {
                    throw new UnreadableSql("the parser reads " + statements.size() + " statements in one");
                }
                return statements.get(0);
            } catch (UnreadableSql e) {
                throw e;
            } catch (Exception | StackOverflowError e) { // ParseException, TokenMgrException, parser bugs
                if (first == null) {
                    first = new RuntimeException(firstLine(e.getMessage()), e);
                }
            }
        }
        throw new UnreadableSql(first == null ? "unreadable SQL" : first.getMessage());
    }

    private boolean mayConcernTenants(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        String first = firstWord(sql).toLowerCase(Locale.ROOT);
        if (first.equals("set") || first.equals("use") || lower.contains("u&")) {
            return true;
        }
        if (names.guardsSql() && (OpaqueStatement.mayHold(lower) || TableFunctions.mayHold(lower))) {
            return true; // routines, dynamic SQL, COPY, functions in FROM: anywhere in a multi-statement text
        }
        if (names.hasSchemaPatterns() && markers.isEmpty()) {
            return true; // a pattern that is only {tenant}: any schema-qualified name may be a tenant's
        }
        for (String marker : markers) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> markers(Collection<String> tables, List<String> schemaPatterns, String rlsSetting) {
        List<String> markers = new ArrayList<>();
        for (String table : tables) {
            markers.add(TenantNames.normalize(table.substring(table.lastIndexOf('.') + 1)));
        }
        for (String pattern : schemaPatterns) {
            for (String part : pattern.split("\\{tenant}", -1)) {
                String literal = TenantNames.normalize(part);
                if (!literal.isEmpty()) {
                    markers.add(literal);
                }
            }
        }
        boolean anyEmptyPattern = false;
        for (String pattern : schemaPatterns) {
            anyEmptyPattern |= pattern.strip().equals("{tenant}");
        }
        if (anyEmptyPattern) {
            return List.of();
        }
        if (rlsSetting != null && !rlsSetting.isBlank()) {
            markers.add(TenantNames.normalize(rlsSetting));
        }
        markers.add("set_config");
        markers.add("search_path");
        return List.copyOf(markers);
    }

    private static String firstWord(String sql) {
        return SqlLexer.firstWord(sql);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable SQL";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable SQL");
        return line.length() > 160 ? line.substring(0, 159) + "…" : line;
    }

    /** The parser could not read a statement; the message says why. */
    static final class UnreadableSql extends Exception {
        UnreadableSql(String message) {
            super(message, null, false, false);
        }
    }
}
